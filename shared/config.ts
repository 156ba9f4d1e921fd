import * as z from 'zod/mini';
import './validation-messages.js';
import { DEFAULT_VERDICT_THRESHOLDS } from './verdicts/classify.js';
import { pushKeysTogether, pushVariables } from './config-push.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// Each configuration (ApiConfig, AggregateConfig, LocalConfig) and the variables they share are
// built by functions: zod builds a schema where it is declared, and the bundler keeps every
// top-level construction, so schemas declared here at top level were built at every function's
// cold start, whichever configuration it parses. Now a cold start builds its own configuration only.

const tableName = () =>
  z.string().check(z.regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name: 3–255 of a-z A-Z 0-9 _ . -'));

/** Below this many ratings a statistic is published but flagged too few to rank. */
const minRatings = () => z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000)), 10);
/**
 * The staleness window, the same wherever the app runs (docs/caching.md): seconds a process serves
 * the plan data and the published ratings it holds before it reads their versions again, so a
 * publish shows on every page within it.
 */
const stalenessWindow = () => z._default(z.coerce.number().check(z.gte(0), z.lte(60)), 2);

/** Feedback submissions allowed per window, per hashed client address and per voter. */
const rateLimitVariables = () => ({
  RATE_LIMIT_WINDOW_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(86_400)), 600),
  RATE_LIMIT_PER_ADDRESS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1_000_000)), 120),
  RATE_LIMIT_PER_VOTER: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1_000_000)), 60),
  /** Least seconds between the HTML rating form being served and submitted; faster is a bot. 0 turns it off (browser tests). */
  FORM_MIN_SECONDS: z._default(z.coerce.number().check(z.gte(0), z.lte(600)), 3),
});

const dateList = () =>
  z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*$/, 'comma-separated dates, YYYY-MM-DD')),
      z.transform((list) => list.split(',')),
    ),
  );

/**
 * Staff sign-in (OpenID Connect) and the rules of moderation and the 差评 follow-up loop. In AWS the
 * issuer is the Cognito user pool (`https://cognito-idp.<region>.amazonaws.com/<pool id>`) and the
 * client id is the web app client: ID tokens carry it as `aud`, access tokens as `client_id`.
 */
const staffVariables = () => ({
  AUTH_ISSUER: z.optional(z.url()),
  /** One or more app client ids, comma-separated. */
  AUTH_CLIENT_ID: z.optional(
    z.string().check(z.regex(/^[\w.-]{1,128}(,[\w.-]{1,128})*$/, 'client ids, comma-separated')),
  ),
  /** Where the signing keys are; `<issuer>/.well-known/jwks.json` (Cognito's location) when unset. */
  AUTH_JWKS_URL: z.optional(z.url()),
  /**
   * Staff sign-in in the browser: the provider's hosted sign-in origin (Cognito's
   * `https://<prefix>.auth.<region>.amazoncognito.com`, which serves /oauth2/authorize,
   * /oauth2/token and /logout) and the public app client the pages sign in with (PKCE, no secret).
   */
  AUTH_SIGN_IN_URL: z.optional(z.url()),
  AUTH_WEB_CLIENT_ID: z.optional(z.string().check(z.regex(/^[\w.-]{1,128}$/, 'one app client id'))),
  /** Flags by distinct voters that send a published comment back to the moderation queue. */
  FLAG_THRESHOLD: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), 3),
  /** Working days a 差评 case has from opening to the official reply. */
  CASE_DEADLINE_DAYS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(60)), 15),
  /** Public holidays and make-up working days (调休) beyond the built-in official lists. */
  CASE_EXTRA_HOLIDAYS: dateList(),
  CASE_EXTRA_WORKDAYS: dateList(),
});

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/;

/** The browser sign-in settings go together, and the web client must be one whose tokens are accepted. */
type SignInVariables = {
  AUTH_CLIENT_ID?: string | undefined;
  AUTH_SIGN_IN_URL?: string | undefined;
  AUTH_WEB_CLIENT_ID?: string | undefined;
};
const signInChecks = () => [
  z.refine<SignInVariables>((env) => (env.AUTH_SIGN_IN_URL === undefined) === (env.AUTH_WEB_CLIENT_ID === undefined), {
    path: ['AUTH_SIGN_IN_URL'],
    message: 'AUTH_SIGN_IN_URL and AUTH_WEB_CLIENT_ID go together (without them the staff pages cannot sign anyone in)',
    when: () => true,
  }),
  z.refine<SignInVariables>(
    (env) =>
      env.AUTH_WEB_CLIENT_ID === undefined || (env.AUTH_CLIENT_ID ?? '').split(',').includes(env.AUTH_WEB_CLIENT_ID),
    {
      path: ['AUTH_WEB_CLIENT_ID'],
      message: 'AUTH_WEB_CLIENT_ID must be one of AUTH_CLIENT_ID: its ID tokens are verified like every staff token',
      when: () => true,
    },
  ),
];

/**
 * The plan the unscoped addresses stand for, when it should not be chosen by date (shared/plan/current.ts):
 * unset, the published plan in force this year, else the latest.
 */
const currentPlanVariable = () => z.optional(z.string().check(z.regex(/^[a-z0-9-]+$/, 'a plan id')));

/** What the API needs wherever it runs. */
export const ApiConfig = () =>
  z
    .object({
      TABLE_NAME: tableName(),
      AWS_REGION: z.string().check(z.minLength(1)),
      DYNAMODB_ENDPOINT: z.optional(z.url()),
      CURRENT_PLAN: currentPlanVariable(),
      /** The HMAC key itself (local runs, tests). In AWS the key stays in Secrets Manager: see VOTER_TOKEN_SECRET_ARN. */
      VOTER_TOKEN_SECRET: z.optional(z.string().check(z.minLength(32, 'at least 32 characters of secret'))),
      /**
       * A Secrets Manager secret holding the key; each Lambda entry reads it once per container through
       * the AWS Parameters and Secrets Lambda Extension (shared/http/lambda-deps.ts).
       */
      VOTER_TOKEN_SECRET_ARN: z.optional(
        z
          .string()
          .check(
            z.regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'a Secrets Manager secret ARN'),
          ),
      ),
      /** The extension's own variable: the port of its local HTTP endpoint (2773 unless the layer is told otherwise). */
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z._default(
        z.coerce.number().check(z.int(), z.gte(1), z.lte(65535)),
        2773,
      ),
      /** Off only for plain-http local use; a Secure cookie is never sent over http://localhost by some browsers. */
      COOKIE_SECURE: z._default(z.stringbool(), true),
      MIN_RATINGS: minRatings(),
      ...rateLimitVariables(),
      ...staffVariables(),
      ...pushVariables(),
      /** Seconds a container keeps the published verdicts before reading them again. */
      READ_CACHE_SECONDS: z._default(z.coerce.number().check(z.gte(0), z.lte(3600)), 10),
      STALENESS_WINDOW_SECONDS: stalenessWindow(),
      /** The public site (CloudFront): links in feeds point here, not at the API's own host name. */
      SITE_URL: z.optional(z.url()),
      /**
       * The value CloudFront's origin header carries (the app stack's origin-verify secret). Every
       * request without it is refused: it reached the API Gateway URL around CloudFront and the WAF.
       * Only requests that carry it are trusted for CloudFront-Viewer-Address.
       */
      ORIGIN_VERIFY_VALUE: z
        .string()
        .check(z.minLength(32, 'at least 32 characters: the origin-verify secret CloudFront sends')),
      /** Declared only to be refused: the development identity provider never runs here. */
      DEV_IDP: z.optional(z.string()),
      /** Declared only to be refused: only npm run demo marks its answers as sample data. */
      SAMPLE_DATA: z.optional(z.string()),
    })
    .check(
      z.refine((env) => (env.VOTER_TOKEN_SECRET === undefined) !== (env.VOTER_TOKEN_SECRET_ARN === undefined), {
        path: ['VOTER_TOKEN_SECRET'],
        message:
          'set exactly one of VOTER_TOKEN_SECRET (the key, at least 32 characters) or VOTER_TOKEN_SECRET_ARN (where the key is kept)',
        // Reported together with every other bad variable, not only once the rest is valid.
        when: () => true,
      }),
      z.refine((env) => (env.AUTH_ISSUER === undefined) === (env.AUTH_CLIENT_ID === undefined), {
        path: ['AUTH_ISSUER'],
        message: 'AUTH_ISSUER and AUTH_CLIENT_ID go together (without them every staff route is refused)',
        when: () => true,
      }),
      ...signInChecks(),
      pushKeysTogether(),
      z.refine(
        (env) =>
          [env.AUTH_ISSUER, env.AUTH_JWKS_URL, env.AUTH_SIGN_IN_URL].every(
            (url) => url === undefined || isPublicHttps(url),
          ),
        {
          path: ['AUTH_ISSUER'],
          message:
            'the identity provider must be reached over https on a public host; the development identity provider never runs here',
          when: () => true,
        },
      ),
      z.refine((env) => env.DEV_IDP === undefined, {
        path: ['DEV_IDP'],
        message: 'the development identity provider runs only under npm start; unset DEV_IDP',
        when: () => true,
      }),
      z.refine((env) => env.SAMPLE_DATA === undefined, {
        path: ['SAMPLE_DATA'],
        message: 'sample data is marked only by npm run demo, never in AWS; unset SAMPLE_DATA',
        when: () => true,
      }),
    );
export type ApiConfig = z.infer<ReturnType<typeof ApiConfig>>;

/** How ratings are aggregated, wherever the aggregation runs. */
const aggregationVariables = () => ({
  MIN_RATINGS: minRatings(),
  /** Log entries younger than this are left for the next run (longer than any API request). */
  AGGREGATE_SETTLE_SECONDS: z._default(z.coerce.number().check(z.gte(0), z.lte(3600)), 60),
  AGGREGATE_MAX_BATCH: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100_000)), 5000),
  /**
   * The satisfied shares the two verdicts are compared at (docs/verdicts.md): a 95% interval wholly
   * below VERDICT_LOW is dissatisfied, one wholly at or above VERDICT_HIGH satisfied.
   */
  VERDICT_LOW: z._default(z.coerce.number().check(z.gte(0), z.lte(1)), DEFAULT_VERDICT_THRESHOLDS.low),
  VERDICT_HIGH: z._default(z.coerce.number().check(z.gte(0), z.lte(1)), DEFAULT_VERDICT_THRESHOLDS.high),
});

/** The two thresholds in order; reported with every other bad variable. */
const verdictThresholdsInOrder = () =>
  z.refine<{ VERDICT_LOW: number; VERDICT_HIGH: number }>((env) => env.VERDICT_LOW <= env.VERDICT_HIGH, {
    path: ['VERDICT_LOW'],
    message: 'VERDICT_LOW must not be above VERDICT_HIGH',
    when: () => true,
  });

/** The scheduled aggregation function. */
export const AggregateConfig = () =>
  z
    .object({
      TABLE_NAME: tableName(),
      AWS_REGION: z.string().check(z.minLength(1)),
      DYNAMODB_ENDPOINT: z.optional(z.url()),
      ...aggregationVariables(),
    })
    .check(verdictThresholdsInOrder());
export type AggregateConfig = z.infer<ReturnType<typeof AggregateConfig>>;

/** The scheduled overdue sweep (shared/cases/overdue-job.ts): the table, and the keys it pushes with. */
export const OverdueConfig = () =>
  z
    .object({
      TABLE_NAME: tableName(),
      AWS_REGION: z.string().check(z.minLength(1)),
      DYNAMODB_ENDPOINT: z.optional(z.url()),
      ...pushVariables(),
    })
    .check(pushKeysTogether());

/** `npm start`: everything has a default, so a fresh clone starts with no settings at all. */
export const LocalConfig = () =>
  z
    .object({
      PORT: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(65535)), 3000),
      HOST: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
      DATA_DIR: z._default(z.string().check(z.minLength(1)), '.data'),
      DYNAMODB_ENDPOINT: z.optional(z.url()),
      TABLE_NAME: z._default(tableName(), 'gongping'),
      AWS_REGION: z._default(z.string().check(z.minLength(1)), 'local'),
      CURRENT_PLAN: currentPlanVariable(),
      VOTER_TOKEN_SECRET: z.optional(z.string().check(z.minLength(32))),
      COOKIE_SECURE: z._default(z.stringbool(), false),
      ...rateLimitVariables(),
      /**
       * Take the client's address from CloudFront-Viewer-Address (ip:port). Only behind a proxy that
       * sets that header itself, overwriting the client's: otherwise anyone can type it and count as
       * a new address on every request.
       */
      TRUST_VIEWER_ADDRESS: z._default(z.stringbool(), false),
      // The verdicts' cache: off locally by default, so what was just published shows at once.
      READ_CACHE_SECONDS: z._default(z.coerce.number().check(z.gte(0), z.lte(3600)), 0),
      STALENESS_WINDOW_SECONDS: stalenessWindow(),
      /** Seconds between aggregation runs of the local server; 0 turns them off. */
      AGGREGATE_EVERY: z._default(z.coerce.number().check(z.gte(0), z.lte(86_400)), 60),
      ...aggregationVariables(),
      // Locally no request outlives a couple of seconds, so ratings need not wait a minute.
      AGGREGATE_SETTLE_SECONDS: z._default(z.coerce.number().check(z.gte(0), z.lte(3600)), 2),
      ...staffVariables(),
      ...pushVariables(),
      /**
       * The development identity provider (signing keys under DATA_DIR, `npm run token`): on unless a
       * real provider is configured with AUTH_ISSUER.
       */
      DEV_IDP: z._default(z.stringbool(), true),
      /**
       * Marks every page (a banner) and every answer (the Gongping-Sample-Data header) as sample data,
       * not official figures. Set by npm run demo only; the Lambda configuration refuses it.
       */
      SAMPLE_DATA: z._default(z.stringbool(), false),
    })
    .check(
      z.refine((env) => (env.AUTH_ISSUER === undefined) === (env.AUTH_CLIENT_ID === undefined), {
        path: ['AUTH_ISSUER'],
        message: 'AUTH_ISSUER and AUTH_CLIENT_ID go together',
        when: () => true,
      }),
      ...signInChecks(),
      pushKeysTogether(),
      verdictThresholdsInOrder(),
    );
export type LocalConfig = z.infer<ReturnType<typeof LocalConfig>>;

function isPublicHttps(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && !LOOPBACK_HOST.test(parsed.hostname);
}

/** The staff settings of a parsed configuration, in the shape the dependencies (shared/http/deps.ts) use them. */
export function staffSettingsOf(config: {
  AUTH_ISSUER?: string | undefined;
  AUTH_CLIENT_ID?: string | undefined;
  AUTH_JWKS_URL?: string | undefined;
  AUTH_SIGN_IN_URL?: string | undefined;
  AUTH_WEB_CLIENT_ID?: string | undefined;
  FLAG_THRESHOLD: number;
  CASE_DEADLINE_DAYS: number;
  CASE_EXTRA_HOLIDAYS?: string[] | undefined;
  CASE_EXTRA_WORKDAYS?: string[] | undefined;
}) {
  return {
    auth:
      config.AUTH_ISSUER && config.AUTH_CLIENT_ID
        ? {
            issuer: config.AUTH_ISSUER,
            clientIds: config.AUTH_CLIENT_ID.split(','),
            jwksUrl: config.AUTH_JWKS_URL ?? `${config.AUTH_ISSUER.replace(/\/$/, '')}/.well-known/jwks.json`,
          }
        : null,
    signIn:
      config.AUTH_SIGN_IN_URL && config.AUTH_WEB_CLIENT_ID
        ? hostedSignIn(config.AUTH_SIGN_IN_URL, config.AUTH_WEB_CLIENT_ID)
        : null,
    flagThreshold: config.FLAG_THRESHOLD,
    caseDeadlineDays: config.CASE_DEADLINE_DAYS,
    extraHolidays: config.CASE_EXTRA_HOLIDAYS ?? [],
    extraWorkdays: config.CASE_EXTRA_WORKDAYS ?? [],
  };
}

/** Where the browser signs in and out and where the server redeems a code: a provider's OAuth 2.0 endpoints. */
export interface SignInEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  logoutUrl: string;
  clientId: string;
}

/**
 * The endpoints of a hosted sign-in origin, at Cognito's paths (/oauth2/authorize, /oauth2/token,
 * /logout); the development identity provider serves the same paths under its own prefix.
 */
export function hostedSignIn(origin: string, clientId: string, tokenOrigin = origin): SignInEndpoints {
  const base = origin.replace(/\/$/, '');
  return {
    authorizeUrl: `${base}/oauth2/authorize`,
    tokenUrl: `${tokenOrigin.replace(/\/$/, '')}/oauth2/token`,
    logoutUrl: `${base}/logout`,
    clientId,
  };
}

/** Parses the environment once, at start-up, and names every bad or missing variable. */
export function parseConfig<S extends z.ZodMiniType>(
  config: () => S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = config().safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

/** The rate-limit settings of a parsed configuration, in the shape the limiter takes. */
export const rateLimitsOf = (config: {
  RATE_LIMIT_WINDOW_SECONDS: number;
  RATE_LIMIT_PER_ADDRESS: number;
  RATE_LIMIT_PER_VOTER: number;
}) => ({
  windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
  perAddress: config.RATE_LIMIT_PER_ADDRESS,
  perVoter: config.RATE_LIMIT_PER_VOTER,
});

/** The aggregation settings of a parsed configuration, in the shape the aggregation job takes (shared/ratings/job.ts). */
export const aggregationSettingsOf = (config: {
  MIN_RATINGS: number;
  AGGREGATE_SETTLE_SECONDS: number;
  AGGREGATE_MAX_BATCH: number;
  VERDICT_LOW: number;
  VERDICT_HIGH: number;
}) => ({
  minRatings: config.MIN_RATINGS,
  settleSeconds: config.AGGREGATE_SETTLE_SECONDS,
  maxBatch: config.AGGREGATE_MAX_BATCH,
  verdictThresholds: { low: config.VERDICT_LOW, high: config.VERDICT_HIGH },
});
