import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const TableName = z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name: 3–255 of a-z A-Z 0-9 _ . -');

/** Below this many ratings a statistic is published but flagged too few to rank. */
const MinRatings = z.coerce.number().int().min(1).max(10_000).default(10);

/** What the API needs wherever it runs. */
export const ApiConfig = z.object({
  TABLE_NAME: TableName,
  AWS_REGION: z.string().min(1),
  DYNAMODB_ENDPOINT: z.url().optional(),
  PLAN_ID: z.string().regex(/^[a-z0-9-]+$/).default('licheng-14th'),
  /** The HMAC key itself (local runs, tests). In AWS the key stays in Secrets Manager: see VOTER_TOKEN_SECRET_ARN. */
  VOTER_TOKEN_SECRET: z.string().min(32, 'at least 32 characters of secret').optional(),
  /** A Secrets Manager secret holding the key; the Lambda entry reads it once per container. */
  VOTER_TOKEN_SECRET_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'a Secrets Manager secret ARN')
    .optional(),
  /** Off only for plain-http local use; a Secure cookie is never sent over http://localhost by some browsers. */
  COOKIE_SECURE: z.stringbool().default(true),
  MIN_RATINGS: MinRatings,
}).refine((env) => (env.VOTER_TOKEN_SECRET === undefined) !== (env.VOTER_TOKEN_SECRET_ARN === undefined), {
  path: ['VOTER_TOKEN_SECRET'],
  message: 'set exactly one of VOTER_TOKEN_SECRET (the key, at least 32 characters) or VOTER_TOKEN_SECRET_ARN (where the key is kept)',
  // Reported together with every other bad variable, not only once the rest is valid.
  when: () => true,
});
export type ApiConfig = z.infer<typeof ApiConfig>;

/** How ratings are aggregated, wherever the aggregation runs. */
const AggregationSettings = {
  MIN_RATINGS: MinRatings,
  /** Log entries younger than this are left for the next run (longer than any API request). */
  AGGREGATE_SETTLE_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  AGGREGATE_MAX_BATCH: z.coerce.number().int().min(1).max(100_000).default(5000),
};

/** The scheduled aggregation function. */
export const AggregateConfig = z.object({
  TABLE_NAME: TableName,
  AWS_REGION: z.string().min(1),
  DYNAMODB_ENDPOINT: z.url().optional(),
  PLAN_ID: z.string().regex(/^[a-z0-9-]+$/).default('licheng-14th'),
  ...AggregationSettings,
});
export type AggregateConfig = z.infer<typeof AggregateConfig>;

/** `npm start`: everything has a default, so a fresh clone starts with no settings at all. */
export const LocalConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  TABLE_NAME: TableName.default('gongping'),
  AWS_REGION: z.string().min(1).default('local'),
  PLAN_ID: z.string().regex(/^[a-z0-9-]+$/).default('licheng-14th'),
  VOTER_TOKEN_SECRET: z.string().min(32).optional(),
  COOKIE_SECURE: z.stringbool().default(false),
  /** Seconds between aggregation runs of the local server; 0 turns them off. */
  AGGREGATE_EVERY: z.coerce.number().min(0).max(86_400).default(60),
  ...AggregationSettings,
  // Locally no request outlives a couple of seconds, so ratings need not wait a minute.
  AGGREGATE_SETTLE_SECONDS: z.coerce.number().min(0).max(3600).default(2),
});
export type LocalConfig = z.infer<typeof LocalConfig>;

/** Parses the environment once, at start-up, and names every bad or missing variable. */
export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}
