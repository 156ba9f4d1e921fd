import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { idempotencyKey } from '../../shared/store/keys.js';
import { STAFF_GROUPS } from '../data-stack.js';
import { ORIGIN_VERIFY_HEADER } from '../origin-verify/handler.js';
import { GongpingFunction, type TableAccess } from './function.js';

export const API_ENTRY = fileURLToPath(new URL('../../functions/api/handler.ts', import.meta.url));
/** The web build's manifest (npm run build), copied beside the API bundle. */
export const WEB_MANIFEST = fileURLToPath(new URL('../../web/dist/manifest.json', import.meta.url));
export const ORIGIN_VERIFY_ENTRY = fileURLToPath(new URL('../origin-verify/handler.ts', import.meta.url));
export { ORIGIN_VERIFY_HEADER };

/**
 * What the API's repositories call (shared/store): plan reads (GetItem, Query), observation
 * appends (Query, PutItem), ratings (consistent GetItem, conditional PutItem of ballot, slot and
 * record), the voter's own ratings (Query, BatchGetItem), moderation and rate-limit counters
 * (UpdateItem, PutItem) and published comments (Query on GSI1). The one delete is the idempotency
 * store releasing a key whose request failed, so DeleteItem is granted on IDEMPOTENCY# partitions
 * only. It never scans or batch-writes: loading a plan (BatchWriteItem) is the ops seed's job, and
 * DescribeTable/CreateTable are local bootstrap only.
 */
export const API_TABLE_ACCESS: TableAccess = {
  actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchGetItem'],
  queryIndexes: ['GSI1'],
  scoped: [{ actions: ['DeleteItem'], partitionKeyPrefixes: [idempotencyKey('', '').PK] }],
};

export interface ApiProps {
  table: ITableV2;
  voterTokenSecret: ISecret;
  planId: string;
  /** Ratings a target needs to be ranked (MIN_RATINGS); the app's default when unset. */
  minRatings?: number | undefined;
  rateLimit: number;
  burstLimit: number;
  logRetention: RetentionDays;
}

/**
 * One Lambda function running the one Hono app behind an HTTP API. Public routes are a catch-all that
 * only CloudFront may call (an authorizer checks the header CloudFront adds); routes of signed-in staff (/api/v1/monitor|publisher|admin/...) also pass a JWT authorizer bound
 * to the staff user pool (`protectStaffRoutes`), in addition to the group check inside the app.
 */
export class Api extends Construct {
  readonly fn: GongpingFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** The execute-api host name, for CloudFront's origin. */
  readonly originDomainName: string;
  /** The header CloudFront must add to every origin request, and its value (a CloudFormation dynamic reference). */
  readonly originHeaders: Record<string, string>;
  readonly originVerifier: GongpingFunction;
  readonly originSecret: Secret;
  private readonly integration: HttpLambdaIntegration;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.fn = new GongpingFunction(this, 'Function', {
      entry: API_ENTRY,
      description: 'gongping API: the Hono app behind API Gateway',
      serviceName: 'gongping-api',
      memorySize: 1024,
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
      // The pages name the content-hashed assets through the web build's manifest (web/assets.ts);
      // the assets themselves are served from S3 through CloudFront.
      copyIntoBundle: [{ from: WEB_MANIFEST, to: 'manifest.json' }],
      environment: {
        WEB_DIST_DIR: '/var/task',
        PLAN_ID: props.planId,
        VOTER_TOKEN_SECRET_ARN: props.voterTokenSecret.secretArn,
        COOKIE_SECURE: 'true',
        ...(props.minRatings !== undefined ? { MIN_RATINGS: String(props.minRatings) } : {}),
      },
    }).bindTable(props.table, API_TABLE_ACCESS);
    props.voterTokenSecret.grantRead(this.fn);
    Validations.of(this.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked only synchronously by API Gateway, which returns the error to the caller; a dead-letter queue applies to asynchronous invocations only.',
    });

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'gongping: /api/v1 and the web pages; reached through CloudFront',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // No source IP and no user agent: gongping stores no client addresses (README, "Rating").
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTimeEpoch',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    // Only CloudFront may call the public routes: it adds a header whose value comes from this secret,
    // and a Lambda authorizer (answers cached an hour per value) checks it. Without it the execute-api
    // URL would bypass the WAF, and anyone could forge the CloudFront-Viewer-Address the app rate-limits by.
    const originSecret = new Secret(this, 'OriginVerifySecret', {
      description: 'gongping: the header value CloudFront adds to origin requests; the API refuses requests without it',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A shared marker between CloudFront and the API, not a credential to any data; it lives in the distribution and authorizer ' +
        'configuration (CloudFormation dynamic references), which a rotation Lambda would have to redeploy. Rotate by replacing the secret and redeploying the app stack.',
    });
    this.originSecret = originSecret;
    const originValue = originSecret.secretValue.unsafeUnwrap();
    this.originHeaders = { [ORIGIN_VERIFY_HEADER]: originValue };
    this.originVerifier = new GongpingFunction(this, 'OriginVerifier', {
      entry: ORIGIN_VERIFY_ENTRY,
      description: 'gongping: lets only requests that came through CloudFront reach the public routes',
      serviceName: 'gongping-origin-verify',
      memorySize: 256,
      timeout: Duration.seconds(5),
      logRetention: props.logRetention,
      environment: { ORIGIN_VERIFY_VALUE: originValue },
    });
    Validations.of(this.originVerifier).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'A request authorizer, invoked synchronously by API Gateway; a dead-letter queue applies to asynchronous invocations only.',
    });
    const fromCloudFront = new HttpLambdaAuthorizer('FromCloudFront', this.originVerifier, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      resultsCacheTtl: Duration.hours(1),
    });

    this.integration = new HttpLambdaIntegration('App', this.fn);
    const integration = this.integration;
    for (const path of ['/', '/{proxy+}']) {
      this.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration, authorizer: fromCloudFront });
    }

    this.originDomainName = `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
  }

  /**
   * Adds the staff routes behind the Cognito JWT authorizer (the access token's client_id must be the
   * web client's) and tells the app where sign-in lives. Called once the client exists, since the
   * client's redirect URLs need the site that fronts this API.
   */
  protectStaffRoutes(userPool: IUserPool, client: IUserPoolClient, authEnvironment: Record<string, string>): HttpRoute[] {
    const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', userPool, {
      userPoolClients: [client],
      identitySource: ['$request.header.Authorization'],
    });
    const routes = STAFF_GROUPS.flatMap((group) =>
      [`/api/v1/${group}`, `/api/v1/${group}/{proxy+}`].flatMap((path) =>
        this.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration: this.integration, authorizer }),
      ),
    );
    for (const [name, value] of Object.entries(authEnvironment)) this.fn.addEnvironment(name, value);
    return routes;
  }
}
