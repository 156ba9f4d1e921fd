import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpLambdaAuthorizer,
  HttpLambdaResponseType,
  HttpUserPoolAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import {
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
} from 'aws-cdk-lib/aws-lambda';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { idempotencyKey } from '../../shared/store/keys.js';
import { STAFF_GROUPS } from '../data-stack.js';
import { ORIGIN_VERIFY_HEADER } from '../../shared/origin-verify.js';
import { GongpingFunction, type GongpingFunctionProps, type TableAccess } from './function.js';

/** Each HTTP function's entry: one thin Lambda entry per part of the app (functions/local/app.ts). */
export const API_ENTRY = fileURLToPath(new URL('../../functions/api/handler.ts', import.meta.url));
export const STAFF_ENTRY = fileURLToPath(new URL('../../functions/staff/handler.ts', import.meta.url));
export const WEB_ENTRY = fileURLToPath(new URL('../../functions/web/handler.ts', import.meta.url));
export const DOWNLOADS_ENTRY = fileURLToPath(new URL('../../functions/downloads/handler.ts', import.meta.url));
export const STAFF_PAGES_ENTRY = fileURLToPath(new URL('../../functions/staff-pages/handler.ts', import.meta.url));
/** The web build's manifest (npm run build), copied beside the bundle of each function that renders pages. */
export const WEB_MANIFEST = fileURLToPath(new URL('../../web/dist/manifest.json', import.meta.url));
export const ORIGIN_VERIFY_ENTRY = fileURLToPath(new URL('../../functions/origin-verify/handler.ts', import.meta.url));
export { ORIGIN_VERIFY_HEADER };

/**
 * What the API's repositories call (shared/store): plan reads (GetItem, Query), observation
 * appends (Query, PutItem), ratings (consistent GetItem, conditional PutItem of ballot, slot and
 * record), the voter's own ratings (Query, BatchGetItem), moderation and rate-limit counters
 * (UpdateItem, PutItem) and published comments (Query on GSI1 per target, on GSI2 per plan for the
 * feed and the comments export). The one delete is the idempotency
 * store releasing a key whose request failed, so DeleteItem is granted on IDEMPOTENCY# partitions
 * only. It never scans or batch-writes: loading a plan (BatchWriteItem) is the ops seed's job, and
 * DescribeTable/CreateTable are local bootstrap only.
 */
export const API_TABLE_ACCESS: TableAccess = {
  actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchGetItem'],
  queryIndexes: ['GSI1', 'GSI2'],
  scoped: [{ actions: ['DeleteItem'], partitionKeyPrefixes: [idempotencyKey('', '').PK] }],
};

/**
 * The other functions build the same dependencies (shared/http/deps.ts) and so bundle the same
 * repositories: staff work (API and pages) moderates, replies, appends observations and progress,
 * reads the queue on GSI1 and releases idempotency keys; the web function records ratings from the
 * HTML form, reads a voter's own ratings and published comments (GSI1); downloads read what they
 * export. tests/infra/permissions.test.ts checks every grant against the commands each bundle contains.
 */
export const STAFF_TABLE_ACCESS: TableAccess = API_TABLE_ACCESS;
export const WEB_TABLE_ACCESS: TableAccess = API_TABLE_ACCESS;
export const DOWNLOADS_TABLE_ACCESS: TableAccess = API_TABLE_ACCESS;
export const STAFF_PAGES_TABLE_ACCESS: TableAccess = API_TABLE_ACCESS;

/**
 * Which function serves which paths. API Gateway picks the most specific route, so the pages'
 * catch-all (`/{proxy+}`) takes only what no other route matches.
 */
export const ROUTES = {
  /** The citizen JSON API, on the hot path. */
  api: ['/api/v1/{proxy+}'],
  /** The citizen pages: whatever no other route matches. */
  web: ['/', '/{proxy+}'],
  /** Downloads and documents, under /api/v1 and beside the pages, with their formatters (CSV, XML). */
  downloads: [
    '/api/v1/open-data/{proxy+}',
    '/api/v1/feeds/{proxy+}',
    '/api/v1/openapi.json',
    // Each plan's downloads and feeds, beside the current plan's above.
    '/api/v1/plans/{planId}/open-data/{proxy+}',
    '/api/v1/plans/{planId}/feeds/{proxy+}',
    // The final evaluation writes CSV too: for the current plan, and for any plan.
    '/api/v1/evaluation',
    '/api/v1/evaluation.csv',
    '/api/v1/plans/{planId}/evaluation',
    '/api/v1/plans/{planId}/evaluation.csv',
    // The open-data dictionary and the API reference, pages of the downloads they describe.
    '/open-data',
    '/plans/{planId}/open-data',
    '/api/docs',
    '/docs/plan-format.schema.json',
    '/assets/api-docs/{proxy+}',
  ],
  /** Staff sign-in and the staff pages: their own session cookie, checked by the app (web/staff/). */
  staffPages: ['/auth/{proxy+}', '/staff', '/staff/{proxy+}'],
  /** Signed-in staff, behind the JWT authorizer as well (added by `protectStaffRoutes`). */
  staff: STAFF_GROUPS.flatMap((group) => [`/api/v1/${group}`, `/api/v1/${group}/{proxy+}`]),
} as const;

export type AppFunctionName = keyof typeof ROUTES;
/** The functions whose routes only CloudFront may call; the staff API's also need a staff token. */
export const PUBLIC_FUNCTIONS = ['api', 'web', 'downloads', 'staffPages'] as const satisfies readonly AppFunctionName[];

export interface ApiProps {
  table: ITableV2;
  voterTokenSecret: ISecret;
  /** The plan the unscoped addresses stand for (CURRENT_PLAN); chosen by date when unset. */
  currentPlan?: string | undefined;
  /** Ratings a target needs to be ranked (MIN_RATINGS); the app's default when unset. */
  minRatings?: number | undefined;
  rateLimit: number;
  burstLimit: number;
  logRetention: RetentionDays;
}

/**
 * Five Lambda functions behind one HTTP API, each serving one part of the one Hono app
 * (functions/local/app.ts): `api` the citizen JSON API, `staff` the signed-in staff API, `web` the
 * citizen pages, `downloads` open data, feeds, the evaluation and the API reference, `staffPages`
 * staff sign-in and the staff pages. Split so that each function carries only what it serves: the
 * citizen API no jose, CSV, XML or JSX, the citizen pages no jose, CSV or XML (tests/bench/RESULTS.md,
 * "Bundles"; tests/infra/bundle.test.ts). Every route is reached only through CloudFront (an authorizer checks the header
 * CloudFront adds); staff routes (/api/v1/monitor|publisher|admin/...) also pass a JWT authorizer
 * bound to the staff user pool (`protectStaffRoutes`), in addition to the group check inside the app.
 */
export class Api extends Construct {
  readonly functions: Record<AppFunctionName, GongpingFunction>;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** The execute-api host name, for CloudFront's origin. */
  readonly originDomainName: string;
  /** The header CloudFront must add to every origin request, and its value (a CloudFormation dynamic reference). */
  readonly originHeaders: Record<string, string>;
  readonly originVerifier: GongpingFunction;
  readonly originSecret: Secret;
  private readonly integrations: Record<AppFunctionName, HttpLambdaIntegration>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    // Only CloudFront may call the API: it adds a header whose value comes from this secret. Each app
    // function refuses a request without it, whatever the route (staff routes included), and takes
    // CloudFront-Viewer-Address as the client's address only from requests that carry it; a Lambda
    // authorizer (answers cached an hour per value) refuses the public routes' stray requests before
    // any app function runs. Without it the execute-api URL would bypass the WAF, and anyone could
    // forge the CloudFront-Viewer-Address the app rate-limits by.
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

    // The voter-token key is read once per container through the AWS Parameters and Secrets Lambda
    // Extension (a layer; its ARN per region and architecture is built into aws-cdk-lib), so no
    // bundle carries a Secrets Manager client.
    const paramsAndSecrets = ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
      logLevel: ParamsAndSecretsLogLevel.WARN,
    });
    // Pages name the content-hashed assets through the web build's manifest (web/assets.ts); the
    // assets themselves are served from S3 through CloudFront.
    const pageAssets: Partial<GongpingFunctionProps> = {
      copyIntoBundle: [{ from: WEB_MANIFEST, to: 'manifest.json' }],
      environment: { WEB_DIST_DIR: '/var/task' },
    };
    const appFunction = (
      name: AppFunctionName,
      entry: string,
      description: string,
      access: TableAccess,
      extra: Partial<GongpingFunctionProps> = {},
    ) => {
      // The citizen API keeps the construct id the single function had, so a deployment updates it in place.
      const id = name === 'api' ? 'Function' : `${name[0]!.toUpperCase()}${name.slice(1)}Function`;
      const fn = new GongpingFunction(this, id, {
        entry,
        description,
        serviceName: `gongping-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
        memorySize: 1024,
        timeout: Duration.seconds(10),
        logRetention: props.logRetention,
        paramsAndSecrets,
        ...extra,
        environment: {
          ...(props.currentPlan !== undefined ? { CURRENT_PLAN: props.currentPlan } : {}),
          VOTER_TOKEN_SECRET_ARN: props.voterTokenSecret.secretArn,
          COOKIE_SECURE: 'true',
          ORIGIN_VERIFY_VALUE: originValue,
          ...(props.minRatings !== undefined ? { MIN_RATINGS: String(props.minRatings) } : {}),
          ...extra.environment,
        },
      }).bindTable(props.table, access);
      props.voterTokenSecret.grantRead(fn);
      Validations.of(fn).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked only synchronously by API Gateway, which returns the error to the caller; a dead-letter queue applies to asynchronous invocations only.',
      });
      return fn;
    };
    this.functions = {
      api: appFunction(
        'api',
        API_ENTRY,
        'gongping API: the citizen JSON API (/api/v1) behind API Gateway',
        API_TABLE_ACCESS,
      ),
      staff: appFunction(
        'staff',
        STAFF_ENTRY,
        'gongping staff API: /api/v1/monitor|publisher|admin behind API Gateway',
        STAFF_TABLE_ACCESS,
      ),
      web: appFunction(
        'web',
        WEB_ENTRY,
        'gongping site: the citizen pages behind API Gateway',
        WEB_TABLE_ACCESS,
        pageAssets,
      ),
      downloads: appFunction(
        'downloads',
        DOWNLOADS_ENTRY,
        'gongping downloads: open data, feeds, the evaluation and the API reference behind API Gateway',
        DOWNLOADS_TABLE_ACCESS,
        pageAssets,
      ),
      staffPages: appFunction(
        'staffPages',
        STAFF_PAGES_ENTRY,
        'gongping staff pages: staff sign-in and the staff pages behind API Gateway',
        STAFF_PAGES_TABLE_ACCESS,
        pageAssets,
      ),
    };

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'gongping: /api/v1 and the web pages; reached through CloudFront',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // No source IP and no user agent: gongping stores no client addresses (docs/security.md, rate limits).
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
      reason:
        'A request authorizer, invoked synchronously by API Gateway; a dead-letter queue applies to asynchronous invocations only.',
    });
    const fromCloudFront = new HttpLambdaAuthorizer('FromCloudFront', this.originVerifier, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      resultsCacheTtl: Duration.hours(1),
    });

    this.integrations = {
      api: new HttpLambdaIntegration('App', this.functions.api),
      staff: new HttpLambdaIntegration('Staff', this.functions.staff),
      web: new HttpLambdaIntegration('Web', this.functions.web),
      downloads: new HttpLambdaIntegration('Downloads', this.functions.downloads),
      staffPages: new HttpLambdaIntegration('StaffPages', this.functions.staffPages),
    };
    for (const name of PUBLIC_FUNCTIONS) {
      for (const path of ROUTES[name]) {
        this.httpApi.addRoutes({
          path,
          methods: [HttpMethod.ANY],
          integration: this.integrations[name],
          authorizer: fromCloudFront,
        });
      }
    }

    this.originDomainName = `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
  }

  /**
   * Adds the staff routes behind the Cognito JWT authorizer (the access token's client_id must be the
   * web client's) and tells the app where sign-in lives. Called once the client exists, since the
   * client's redirect URLs need the site that fronts this API.
   */
  protectStaffRoutes(
    userPool: IUserPool,
    client: IUserPoolClient,
    authEnvironment: Record<string, string>,
  ): HttpRoute[] {
    const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', userPool, {
      userPoolClients: [client],
      identitySource: ['$request.header.Authorization'],
    });
    const routes = ROUTES.staff.flatMap((path) =>
      this.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration: this.integrations.staff, authorizer }),
    );
    // The staff pages sign staff in with the same provider, so they get the same settings.
    for (const fn of [this.functions.staff, this.functions.staffPages]) {
      for (const [name, value] of Object.entries(authEnvironment)) fn.addEnvironment(name, value);
    }
    return routes;
  }
}
