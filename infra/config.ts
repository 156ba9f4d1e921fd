import * as z from 'zod/mini';
import '../shared/validation-messages.js';

/**
 * Everything that differs between deployments, read from `cdk.json` context or `-c key=value` flags
 * and checked here once, so a stack never sees an unchecked value. `cdk.json` holds safe defaults for
 * a dev synthesis; a production deployment names its stage and alarm e-mail on the command line.
 */

export class DeployConfigError extends Error {
  override name = 'DeployConfigError';
}

/** Retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const int = (min: number, max: number) => z.coerce.number().check(z.int(), z.gte(min), z.lte(max));

export const Stage = z.enum(['dev', 'prod']);
export type Stage = z.infer<typeof Stage>;

export const DeployConfig = z.pipe(
  z
    .object({
      stage: Stage,
      /** The region of the data and the API. CloudFront's web ACL always goes to us-east-1 (see infra/edge-stack.ts). */
      region: z.string().check(z.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region name such as ap-east-1')),
      /** Optional: pins the account; otherwise the CLI's credentials decide (CDK_DEFAULT_ACCOUNT). */
      account: z.optional(z.string().check(z.regex(/^\d{12}$/, 'a 12-digit AWS account id'))),
      /** Who gets the alarms. Required for prod: alarms nobody reads are no alarms. */
      alarmEmail: z.optional(z.email('an e-mail address')),
      /** A custom domain for the site (CloudFront), e.g. gongping.example.gov.cn; needs certificateArn. */
      domainName: z.optional(
        z
          .string()
          .check(z.regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case DNS name')),
      ),
      /** ACM certificate for domainName. CloudFront reads certificates from us-east-1 only. */
      certificateArn: z.optional(
        z
          .string()
          .check(
            z.regex(
              /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
              'an ACM certificate ARN in us-east-1 (CloudFront only reads certificates there)',
            ),
          ),
      ),
      /** Prefix of the Cognito hosted sign-in domain (<prefix>.auth.<region>.amazoncognito.com); unique per region. */
      authDomainPrefix: z.optional(
        z.string().check(
          z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and hyphens'),
          z.refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'must not contain aws, amazon or cognito'),
        ),
      ),
      /**
       * The plan the unscoped addresses (/, /api/v1/indicators, …) stand for; unset, the published plan
       * whose period holds this year, else the latest. Every public plan is served under /plans/{id}.
       */
      currentPlan: z.optional(z.string().check(z.regex(/^[a-z0-9-]+$/, 'a plan id such as licheng-15th'))),
      /** Ratings a target needs before the aggregation ranks it; the aggregation's own default if unset. */
      minRatings: z.optional(int(1, 10_000)),
      /** How often the aggregation runs. */
      aggregationRateMinutes: z._default(int(1, 60), 5),
      /** Submissions (POST /api/v1/feedback, /feedback, /api/v1/comments/{id}/flags) per client IP per 5 minutes before the WAF blocks that IP. */
      wafFeedbackLimit: z._default(int(10, 20_000_000), 100),
      /** Requests of any kind (pages, assets, API calls, cached or not) per client IP per 5 minutes before the WAF blocks that IP. */
      wafRequestLimit: z._default(int(100, 20_000_000), 3000),
      /**
       * HTTP API default route throttling (requests per second, burst). API Gateway applies it to each route
       * on its own, not to the API as a whole: the citizen API (ANY /api/v1/{proxy+}) has one such budget,
       * the pages (ANY /{proxy+}) another, and so on for each route in infra/constructs/api.ts; only the
       * account's regional quota caps their sum.
       */
      apiRateLimit: z._default(int(1, 10_000), 200),
      apiBurstLimit: z._default(int(1, 5_000), 400),
      logRetentionDays: z.optional(
        z.coerce.number().check(
          z.refine(
            (days): days is (typeof LOG_RETENTION_DAYS)[number] =>
              (LOG_RETENTION_DAYS as readonly number[]).includes(days),
            {
              message: `one of ${LOG_RETENTION_DAYS.join(', ')}`,
            },
          ),
        ),
      ),
    })
    .check(
      z.superRefine((config, ctx) => {
        if (config.stage === 'prod' && !config.alarmEmail) {
          ctx.addIssue({
            code: 'custom',
            path: ['alarmEmail'],
            message: 'required for stage prod (-c alarmEmail=ops@example.org)',
          });
        }
        if (config.wafRequestLimit < config.wafFeedbackLimit) {
          ctx.addIssue({
            code: 'custom',
            path: ['wafRequestLimit'],
            message: `at least wafFeedbackLimit (${config.wafFeedbackLimit}): every submission counts as a request too`,
          });
        }
        if (Boolean(config.domainName) !== Boolean(config.certificateArn)) {
          ctx.addIssue({
            code: 'custom',
            path: [config.domainName ? 'certificateArn' : 'domainName'],
            message: 'domainName and certificateArn go together: give both or neither',
          });
        }
      }),
    ),
  z.transform((config) => ({
    ...config,
    logRetentionDays: config.logRetentionDays ?? (config.stage === 'prod' ? 365 : 30),
  })),
);
export type DeployConfig = z.infer<typeof DeployConfig>;

export const CONTEXT_KEYS = Object.keys(DeployConfig.def.in.shape) as (keyof z.input<typeof DeployConfig>)[];

/** Something that answers context look-ups: an App, or a plain map in tests. */
export type ContextSource = (key: string) => unknown;

/**
 * Reads every key from the context and validates them together; the error names each bad or
 * missing key with how to fix it. Empty strings count as unset (as `-c alarmEmail=` would give).
 */
export function readDeployConfig(context: ContextSource, env: Record<string, string | undefined> = {}): DeployConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) {
    const value = context(key);
    if (value !== undefined && value !== null && value !== '') raw[key] = value;
  }
  raw.account ??= env.CDK_DEFAULT_ACCOUNT;
  const result = DeployConfig.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(context)'}: ${issue.message}`);
  throw new DeployConfigError(
    `invalid deployment configuration (cdk.json context or -c key=value):\n${lines.join('\n')}`,
  );
}
