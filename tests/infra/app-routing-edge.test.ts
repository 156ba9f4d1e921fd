import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER, PUBLIC_FUNCTIONS, ROUTES, type AppFunctionName } from '../../infra/constructs/api.js';
import { ASSETS_PATH, CACHE_SECONDS, PUBLIC_AGGREGATE_PATHS, UNCACHED_PATHS } from '../../infra/constructs/web.js';
import { STAFF_GROUPS } from '../../infra/data-stack.js';
import { FEEDBACK_PATH } from '../../infra/edge-stack.js';
import { appFunctions, logicalId, synthesise } from './synth.js';

// One synthesis of the whole app for this file, without bundling (these tests read templates only),
// from cdk.json's dev defaults: if cdk-nag found an unacknowledged error, this line would throw.
const synth = synthesise({}, { bundle: false });
const { app, templates } = synth;
const { apiFn, staffFn, webFn, downloadsFn, staffPagesFn } = appFunctions(synth);
describe('the API (HTTP API)', () => {
  const routes = Object.values(templates.app.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);

  const integrations = templates.app.findResources('AWS::ApiGatewayV2::Integration');
  /** The logical id of the function a route's integration invokes. */
  const functionOf = (route: { Target: unknown }) => {
    const integration = JSON.stringify(route.Target).match(/"Ref":"([^"]+)"/)![1]!;
    return (integrations[integration]!.Properties.IntegrationUri['Fn::GetAtt'] as string[])[0];
  };
  const ids: Record<AppFunctionName, string> = {
    api: apiFn,
    staff: staffFn,
    web: webFn,
    downloads: downloadsFn,
    staffPages: staffPagesFn,
  };

  it('sends each path to the function that serves it: staff prefixes to staff, other /api/v1 to api, downloads to downloads, staff pages to staffPages, the rest to web', () => {
    for (const [name, paths] of Object.entries(ROUTES) as [AppFunctionName, readonly string[]][]) {
      for (const path of paths) {
        const route = routes.find((r) => r.RouteKey === `ANY ${path}`);
        expect(route, path).toBeDefined();
        expect(functionOf(route), path).toBe(ids[name]);
      }
    }
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      Object.values(ROUTES)
        .flat()
        .map((path) => `ANY ${path}`)
        .sort(),
    );
    // The app's own routes agree (tests/infra/routing.test.ts): open data, feeds and the OpenAPI document are the downloads'.
    expect(ROUTES.api).toEqual(['/api/v1/{proxy+}']);
    expect(ROUTES.web).toEqual(['/', '/{proxy+}']);
    expect(ROUTES.staffPages).toEqual(['/auth/{proxy+}', '/staff', '/staff/{proxy+}']);
    expect(ROUTES.downloads).toEqual(
      expect.arrayContaining(['/api/v1/open-data/{proxy+}', '/api/v1/feeds/{proxy+}', '/api/v1/openapi.json']),
    );
  });

  it('serves everything public through routes that only CloudFront may call', () => {
    const authorizers = templates.app.findResources('AWS::ApiGatewayV2::Authorizer');
    const [fromCloudFront] = Object.entries(authorizers).find(([, a]) => a.Properties.AuthorizerType === 'REQUEST')!;
    for (const path of PUBLIC_FUNCTIONS.flatMap((name) => ROUTES[name])) {
      expect(routes).toContainEqual(
        expect.objectContaining({
          RouteKey: `ANY ${path}`,
          AuthorizationType: 'CUSTOM',
          AuthorizerId: { Ref: fromCloudFront },
        }),
      );
    }
    expect(authorizers[fromCloudFront]!.Properties).toMatchObject({
      IdentitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 3600,
      AuthorizerPayloadFormatVersion: '2.0',
    });
    expect(routes.filter((r) => r.AuthorizationType === 'NONE')).toEqual([]);
  });

  const distribution = Object.values(templates.app.findResources('AWS::CloudFront::Distribution'))[0]!.Properties
    .DistributionConfig;
  /** CloudFront's origin for the API, and the marker header it adds to every request it sends there. */
  const apiOrigin = (
    distribution.Origins as {
      CustomOriginConfig?: unknown;
      OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
    }[]
  ).find((o) => o.CustomOriginConfig)!;
  const marker = apiOrigin.OriginCustomHeaders!.find((h) => h.HeaderName === ORIGIN_VERIFY_HEADER)!;

  it('gives every app function the marker CloudFront sends, so each refuses a request that went around CloudFront whatever its route', () => {
    const fromHeader = JSON.stringify(marker.HeaderValue);
    const functions = templates.app.findResources('AWS::Lambda::Function');
    for (const name of Object.keys(ROUTES) as AppFunctionName[]) {
      const fn = functions[logicalId(app.api.functions[name])]!;
      expect(JSON.stringify(fn.Properties.Environment.Variables.ORIGIN_VERIFY_VALUE), name).toBe(fromHeader);
    }
    // Every behaviour that reaches the API forwards the viewer's address as CloudFront sets it.
    const allViewerExceptHost = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
    const behaviours = [distribution.DefaultCacheBehavior, ...(distribution.CacheBehaviors as unknown[])] as {
      TargetOriginId: string;
      OriginRequestPolicyId?: string;
    }[];
    const apiOriginId = (apiOrigin as unknown as { Id: string }).Id;
    const toApi = behaviours.filter((b) => b.TargetOriginId === apiOriginId);
    expect(toApi.length).toBeGreaterThan(3);
    for (const behaviour of toApi) expect(behaviour.OriginRequestPolicyId).toBe(allViewerExceptHost);
  });

  it('gives CloudFront and the authorizer the same marker, from one secret, never in the template as text', () => {
    const verifier = templates.app.findResources('AWS::Lambda::Function')[logicalId(app.api.originVerifier)]!;
    const fromHeader = JSON.stringify(marker.HeaderValue);
    const fromFunction = JSON.stringify(verifier.Properties.Environment.Variables.ORIGIN_VERIFY_VALUE);
    expect(fromHeader).toContain('{{resolve:secretsmanager:');
    expect(fromHeader).toBe(fromFunction);
    // Resolved by CloudFormation at deploy time from the secret's ARN; the value is never in the template.
    expect(fromHeader).toMatch(/"Ref":"ApiOriginVerifySecret[0-9A-F]{8}"/);
  });

  it('puts the monitor, publisher and admin routes, and only those, behind a JWT authorizer bound to the staff user pool', () => {
    const [authorizer] = Object.entries(templates.app.findResources('AWS::ApiGatewayV2::Authorizer')).find(
      ([, a]) => a.Properties.AuthorizerType === 'JWT',
    )!;
    for (const group of STAFF_GROUPS) {
      for (const key of [`ANY /api/v1/${group}`, `ANY /api/v1/${group}/{proxy+}`]) {
        expect(routes).toContainEqual(
          expect.objectContaining({ RouteKey: key, AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizer } }),
        );
      }
    }
    const guarded = routes.filter((r) => r.AuthorizationType === 'JWT');
    expect(guarded.map((r) => r.RouteKey).sort()).toEqual(ROUTES.staff.map((path) => `ANY ${path}`).sort());
    // Whatever reaches the staff function came through the JWT authorizer.
    expect(routes.filter((r) => functionOf(r) === staffFn).every((r) => r.AuthorizationType === 'JWT')).toBe(true);
    templates.app.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(app.signIn.client) }],
        Issuer: {
          'Fn::Join': [
            '',
            [
              'https://cognito-idp.ap-southeast-1.amazonaws.com/',
              { 'Fn::ImportValue': Match.stringLikeRegexp('StaffUserPool') },
            ],
          ],
        },
      },
    });
  });

  it('throttles the stage and logs every request, without the caller’s address', () => {
    const stage = Object.values(templates.app.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
    });
    const format = JSON.parse(stage.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      routeKey: '$context.routeKey',
    });
    expect(stage.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent|identity\./);
  });
});

describe('the web (CloudFront and S3)', () => {
  const distribution = Object.values(templates.app.findResources('AWS::CloudFront::Distribution'))[0]!.Properties
    .DistributionConfig;
  const behaviours = distribution.CacheBehaviors as {
    PathPattern: string;
    CachePolicyId: unknown;
    ViewerProtocolPolicy: string;
    TargetOriginId: string;
    ResponseHeadersPolicyId: unknown;
  }[];
  const cachePolicies = templates.app.findResources('AWS::CloudFront::CachePolicy');
  const ttlsOf = (policy: unknown) => {
    const id = (policy as { Ref?: string }).Ref;
    if (!id) return 'managed';
    const config = cachePolicies[id]!.Properties.CachePolicyConfig;
    return { min: config.MinTTL, default: config.DefaultTTL, max: config.MaxTTL };
  };
  const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

  it('keeps the assets bucket private, encrypted and TLS-only, readable by this distribution only (origin access control)', () => {
    templates.app.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    templates.app.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    templates.app.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    const s3Origin = (distribution.Origins as { S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[]).find(
      (o) => o.S3OriginConfig,
    );
    expect(s3Origin?.OriginAccessControlId).toBeDefined();
  });

  it('sends /assets/* to the bucket with long caching for hashed files', () => {
    const assets = behaviours.find((b) => b.PathPattern === ASSETS_PATH)!;
    expect(ttlsOf(assets.CachePolicyId)).toEqual({ min: 0, default: CACHE_SECONDS.assets, max: CACHE_SECONDS.assets });
  });

  it('never caches signed-in, personal or state-changing routes', () => {
    for (const path of UNCACHED_PATHS) {
      const behaviour = behaviours.find((b) => b.PathPattern === path);
      expect(behaviour, path).toBeDefined();
      expect(behaviour!.CachePolicyId).toBe(CACHING_DISABLED);
    }
  });

  it('caches public aggregates for a minute (five at most), and everything else only as the origin allows', () => {
    for (const path of PUBLIC_AGGREGATE_PATHS) {
      expect(ttlsOf(behaviours.find((b) => b.PathPattern === path)!.CachePolicyId)).toEqual({
        min: 0,
        default: 60,
        max: 300,
      });
    }
    expect(ttlsOf(distribution.DefaultCacheBehavior.CachePolicyId)).toEqual({ min: 0, default: 0, max: 300 });
    // The signed-in rules come before any public pattern they could overlap.
    const order = behaviours.map((b) => b.PathPattern);
    for (const path of UNCACHED_PATHS)
      for (const open of PUBLIC_AGGREGATE_PATHS) expect(order.indexOf(path)).toBeLessThan(order.indexOf(open));
  });

  it('speaks HTTPS only, behind the WAF, with security headers on every answer', () => {
    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    for (const b of behaviours) expect(b.ViewerProtocolPolicy).toBe('https-only');
    expect(distribution.WebACLId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^ExportsReader/), expect.stringMatching(/WebAcl/)],
    });
    const headersPolicy = logicalId(app.web.responseHeadersPolicy);
    for (const b of [distribution.DefaultCacheBehavior, ...behaviours])
      expect(b.ResponseHeadersPolicyId).toEqual({ Ref: headersPolicy });
    const apiOrigin = (
      distribution.Origins as { CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] } }[]
    ).find((o) => o.CustomOriginConfig)!;
    expect(apiOrigin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
  });

  it('sends a strict CSP without inline script, HSTS, nosniff, DENY framing and a referrer policy', () => {
    const config = Object.values(templates.app.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties
      .ResponseHeadersPolicyConfig;
    const csp = (config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Join'][1] as unknown[])
      .map((part) => (typeof part === 'string' ? part : '<token>'))
      .join('');
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(config.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 730 * 24 * 3600, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
  });
});

describe('the WAF (edge stack, us-east-1)', () => {
  const acl = Object.values(templates.edge.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
  const rule = (name: string) =>
    (acl.Rules as { Name: string; Statement: Record<string, any>; Action?: unknown }[]).find((r) => r.Name === name)!;

  it('is scoped to CloudFront', () => {
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
  });

  it('limits submissions per client IP (the JSON API, the form without JavaScript and comment flags), answering 429', () => {
    const { RateBasedStatement: rate } = rule('FeedbackRatePerIp').Statement;
    expect(rate).toMatchObject({ Limit: 100, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    const [method, paths] = rate.ScopeDownStatement.AndStatement.Statements;
    expect(method.ByteMatchStatement).toMatchObject({
      FieldToMatch: { Method: {} },
      SearchString: 'POST',
      PositionalConstraint: 'EXACTLY',
    });
    const decoded = [
      { Priority: 0, Type: 'URL_DECODE' },
      { Priority: 1, Type: 'LOWERCASE' },
    ];
    const path = (PositionalConstraint: string, SearchString: string) => ({
      ByteMatchStatement: {
        FieldToMatch: { UriPath: {} },
        PositionalConstraint,
        SearchString,
        TextTransformations: decoded,
      },
    });
    expect(paths.OrStatement.Statements).toEqual([
      path('STARTS_WITH', FEEDBACK_PATH),
      path('STARTS_WITH', '/feedback'),
      { AndStatement: { Statements: [path('STARTS_WITH', '/api/v1/comments/'), path('ENDS_WITH', '/flags')] } },
    ]);
    expect(rule('FeedbackRatePerIp').Action).toMatchObject({
      Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'too-many-submissions' } },
    });
  });

  it('limits all requests per client IP, with no scope-down, after the submission rule and before the managed rules', () => {
    const { RateBasedStatement: rate } = rule('RequestRatePerIp').Statement;
    expect(rate).toEqual({ Limit: 3000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(rule('RequestRatePerIp').Action).toMatchObject({
      Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'too-many-requests' } },
    });
    const priorities = (acl.Rules as { Name: string; Priority: number }[]).map((r) => [r.Name, r.Priority]);
    expect(priorities).toEqual([
      ['FeedbackRatePerIp', 0],
      ['RequestRatePerIp', 1],
      ['AWSManagedRulesCommonRuleSet', 10],
      ['AWSManagedRulesKnownBadInputsRuleSet', 20],
    ]);
  });

  it('answers 429 with the API\u2019s own problem document and Retry-After, whichever limit refused', () => {
    for (const key of ['too-many-submissions', 'too-many-requests']) {
      const body = acl.CustomResponseBodies[key];
      expect(body.ContentType).toBe('APPLICATION_JSON');
      expect(JSON.parse(body.Content)).toMatchObject({ type: 'urn:gongping:problem:too-many-requests', status: 429 });
    }
    for (const name of ['FeedbackRatePerIp', 'RequestRatePerIp']) {
      expect(rule(name).Action).toMatchObject({
        Block: { CustomResponse: { ResponseHeaders: [{ Name: 'retry-after', Value: '300' }] } },
      });
    }
  });

  it('takes both limits from the configuration', () => {
    const other = synthesise({ wafFeedbackLimit: '250', wafRequestLimit: '5000' }, { bundle: false });
    other.templates.edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'FeedbackRatePerIp',
          Statement: { RateBasedStatement: Match.objectLike({ Limit: 250 }) },
        }),
        Match.objectLike({
          Name: 'RequestRatePerIp',
          Statement: { RateBasedStatement: Match.objectLike({ Limit: 5000 }) },
        }),
      ]),
    });
  });

  it('runs the AWS managed common rule set', () => {
    expect(rule('AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement).toMatchObject({
      VendorName: 'AWS',
      Name: 'AWSManagedRulesCommonRuleSet',
    });
  });

  it('keeps no sample of requests (they would hold client addresses)', () => {
    for (const r of acl.Rules as { VisibilityConfig: { SampledRequestsEnabled: boolean } }[])
      expect(r.VisibilityConfig.SampledRequestsEnabled).toBe(false);
  });
});
