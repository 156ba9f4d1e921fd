import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const TableName = z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name: 3–255 of a-z A-Z 0-9 _ . -');

/** What the API needs wherever it runs. */
export const ApiConfig = z.object({
  TABLE_NAME: TableName,
  AWS_REGION: z.string().min(1),
  DYNAMODB_ENDPOINT: z.url().optional(),
  PLAN_ID: z.string().regex(/^[a-z0-9-]+$/).default('licheng-14th'),
  VOTER_TOKEN_SECRET: z.string().min(32, 'at least 32 characters of secret'),
  /** Off only for plain-http local use; a Secure cookie is never sent over http://localhost by some browsers. */
  COOKIE_SECURE: z.stringbool().default(true),
});
export type ApiConfig = z.infer<typeof ApiConfig>;

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
