import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CacheQueryStringBehavior,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** Routes whose answers depend on who asks, or that change state: never cached at the edge. */
export const UNCACHED_PATHS = [
  '/api/v1/me/*',
  // A plan's own address of the same voter routes, and the citizen's own page (/me, its forms).
  '/api/v1/plans/*/me/*',
  '/me',
  '/me/*',
  '/api/v1/feedback',
  '/api/v1/monitor/*',
  '/api/v1/publisher/*',
  '/api/v1/admin/*',
  '/auth/*',
  '/staff*',
] as const;

/** Public aggregates that are the same for every reader: cached briefly even when the origin says nothing. */
export const PUBLIC_AGGREGATE_PATHS = ['/api/v1/plan', '/api/v1/indicators*', '/api/v1/projects*'] as const;

export const ASSETS_PATH = '/assets/*';

/** Edge cache times. Public answers are short so a new rating or value shows within a minute. */
export const CACHE_SECONDS = {
  assets: 365 * 24 * 3600,
  publicDefault: 60,
  publicMax: 300,
} as const;

export interface WebProps {
  /** execute-api host name of the HTTP API. */
  apiDomainName: string;
  /** Headers CloudFront adds to every request to the API (the origin-verification marker). */
  apiOriginHeaders: Record<string, string>;
  /** The WAF web ACL (CloudFront scope, from the edge stack in us-east-1). */
  webAclArn: string;
  /** Optional custom domain with its us-east-1 certificate. */
  domainName?: string | undefined;
  certificateArn?: string | undefined;
  /** The hosted sign-in origin (https://…amazoncognito.com), allowed as a form target in the CSP. */
  signInOrigin: string;
  /** A folder of built, content-hashed assets to upload to /assets/ (web/dist/assets), if it exists. */
  assetsDir?: string | undefined;
  logRetention: RetentionDays;
}

/**
 * The public face: one CloudFront distribution in front of the API (pages and /api/v1) and of a
 * private S3 bucket of hashed static assets (origin access control), with the WAF, security headers
 * on every answer, HTTPS only, and cache behaviours that never share an answer meant for one person.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  readonly siteUrl: string;
  readonly deployment?: BucketDeployment;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Rebuilt from the repository at any time; kept on stack removal only so that a mistaken
      // delete never breaks pages still cached with the old asset names.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Holds only public, content-hashed build output, readable solely by CloudFront (origin access control) and written only by deployments; ' +
        'server access logs would record nothing but CloudFront fetching files. Changes are in CloudTrail.',
    });

    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'gongping: strict CSP without inline script, HSTS, nosniff, no framing, referrer policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.signInOrigin), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        // The legacy XSS auditor is off in every current browser and can itself leak; "0" says so.
        xssProtection: { protection: false, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
            override: true,
          },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
      removeHeaders: ['Server', 'X-Powered-By'],
    });

    const api = new HttpOrigin(props.apiDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      // Replaces any header of the same name a viewer sends, so it cannot be forged through CloudFront.
      customHeaders: props.apiOriginHeaders,
    });
    const assets = S3BucketOrigin.withOriginAccessControl(this.bucket);

    const assetsCache = new CachePolicy(this, 'AssetsCache', {
      comment: 'gongping: content-hashed assets, cached for a year',
      defaultTtl: Duration.seconds(CACHE_SECONDS.assets),
      maxTtl: Duration.seconds(CACHE_SECONDS.assets),
      minTtl: Duration.seconds(0),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const publicAggregateCache = new CachePolicy(this, 'PublicAggregateCache', {
      comment: 'gongping: public aggregates, a minute unless the origin says otherwise, five at most',
      defaultTtl: Duration.seconds(CACHE_SECONDS.publicDefault),
      maxTtl: Duration.seconds(CACHE_SECONDS.publicMax),
      minTtl: Duration.seconds(0),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Everything else (pages, health, future routes): cached only if the origin's Cache-Control
    // allows it (default TTL 0), and never longer than five minutes. Safe for an answer that forgot
    // its headers.
    // Pages differ by language (the `lang` cookie, else Accept-Language) and the elder-friendly
    // switch (`elder`), so those are the key. The voter cookie is not: every answer that reads it
    // is `private, no-store` at the origin (shared/http/caching.ts), so none is ever stored, and a
    // public page is the same with or without it; keying on it gave each voter a cache of their own.
    const originDecidesCache = new CachePolicy(this, 'OriginDecidesCache', {
      comment: 'gongping: cached only as the origin Cache-Control allows, five minutes at most',
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(CACHE_SECONDS.publicMax),
      minTtl: Duration.seconds(0),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.allowList('lang', 'elder'),
      headerBehavior: CacheHeaderBehavior.allowList('Accept-Language'),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const toApi = (
      cachePolicy: CachePolicy | typeof CachePolicy.CACHING_DISABLED,
      methods: AllowedMethods,
    ): BehaviorOptions => ({
      origin: api,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: methods,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      // Cookies (the voter token), query strings and headers reach the app; the Host header does not,
      // since API Gateway answers only to its own name. The managed policy also adds CloudFront's
      // viewer headers, among them CloudFront-Viewer-Address, which the app's per-address limits use.
      // With caching disabled it also forwards Authorization to the JWT authorizer.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.responseHeadersPolicy,
      compress: true,
    });

    const additionalBehaviors: Record<string, BehaviorOptions> = {
      [ASSETS_PATH]: {
        origin: assets,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        cachePolicy: assetsCache,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      },
    };
    for (const path of UNCACHED_PATHS)
      additionalBehaviors[path] = toApi(CachePolicy.CACHING_DISABLED, AllowedMethods.ALLOW_ALL);
    for (const path of PUBLIC_AGGREGATE_PATHS)
      additionalBehaviors[path] = toApi(publicAggregateCache, AllowedMethods.ALLOW_GET_HEAD_OPTIONS);

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'gongping: pages, API and assets',
      defaultBehavior: {
        ...toApi(originDecidesCache, AllowedMethods.ALLOW_ALL),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
      additionalBehaviors,
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      // North America, Europe, Asia (including Hong Kong and mainland-adjacent edges), Middle East, Africa.
      priceClass: PriceClass.PRICE_CLASS_200,
      ...(props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'No CloudFront access logs: standard logs always contain the viewer IP address, and gongping promises to store no client address. ' +
        'Operations rely on CloudFront and WAF metrics and on the API access log, which omits addresses.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: the plan is public information, and citizens abroad (students, workers) may rate it too.',
    });
    if (!props.domainName) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves its *.cloudfront.net certificate, whose security policy cannot be raised (TLSv1). ' +
          'Set domainName and certificateArn (cdk.json or -c) for production: TLSv1.2_2021 then applies.',
      });
    }
    this.siteUrl = `https://${props.domainName ?? this.distribution.distributionDomainName}`;

    if (props.assetsDir) this.deployment = this.deployAssets(props.assetsDir, props.logRetention);
  }

  /**
   * Uploads the built assets with the stack (BucketDeployment: a CDK-provided Lambda function copies
   * the asset zip into the bucket). Given its own role and log group; what CDK's grants still add
   * is acknowledged finding by finding below.
   */
  private deployAssets(assetsDir: string, retention: RetentionDays): BucketDeployment {
    const logGroup = new LogGroup(this, 'AssetsDeploymentLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    const role = new Role(this, 'AssetsDeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'gongping: copies the built web assets into the assets bucket during deployment',
    });
    logGroup.grantWrite(role);
    const deployment = new BucketDeployment(this, 'AssetsDeployment', {
      sources: [Source.asset(assetsDir)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'assets/',
      // Hashed names never change content: browsers may keep them for a year without asking.
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
      // Old hashed files stay, so pages still cached with the previous names keep working.
      prune: false,
      memoryLimit: 512,
      role,
      logGroup,
    });

    const stack = Stack.of(this);
    // As cdk-nag prints the policy: literals where the stack knows them, <Pseudo::Parameter> otherwise.
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const assetBucket = `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${account}-${stack.region}`;
    const bucketLogicalId = stack.resolve((this.bucket.node.defaultChild as CfnBucket).logicalId) as string;
    const findings: Record<string, string> = {
      'Action::s3:GetObject*': 'reads the deployment zip from the CDK asset bucket (Bucket.grantRead)',
      'Action::s3:GetBucket*': 'reads the deployment zip from the CDK asset bucket (Bucket.grantRead)',
      'Action::s3:List*': 'lists the CDK asset bucket and the assets bucket to copy (Bucket.grantRead/grantReadWrite)',
      'Action::s3:DeleteObject*': 'Bucket.grantReadWrite on the assets bucket; with prune: false nothing is deleted',
      'Action::s3:Abort*': 'aborts its own failed multipart uploads into the assets bucket',
      [`Resource::arn:${partition}:s3:::${assetBucket}/*`]:
        'objects of the CDK bootstrap asset bucket of this account and region only',
      [`Resource::<${bucketLogicalId}.Arn>/*`]: 'objects of the assets bucket only',
    };
    for (const [finding, why] of Object.entries(findings)) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `CDK BucketDeployment, deploy time only: ${why}.`,
      });
    }
    const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      for (const rule of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
        Validations.of(handler).acknowledge({
          id: rule,
          reason:
            'CDK BucketDeployment handler: its runtime (Python) is chosen and upgraded by aws-cdk-lib, not by this project.',
        });
      }
      Validations.of(handler).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'CDK BucketDeployment handler is invoked synchronously by CloudFormation as a custom resource; a failure fails and rolls back the deployment.',
      });
      Validations.of(handler).acknowledge({
        id: 'Serverless-LambdaTracing',
        reason:
          'CDK BucketDeployment handler runs only during deployments; its logs are in the AssetsDeploymentLogs group.',
      });
    }
    return deployment;
  }
}

/** No inline script or style, no plugins, no framing; forms may go to the hosted sign-in only. */
export function contentSecurityPolicy(signInOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${signInOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}
