import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { handle } from 'hono/aws-lambda';
import { ApiConfig, ConfigError, parseConfig, rateLimitsOf, staffSettingsOf } from '../../shared/config.js';
import { createDocumentClient } from '../../shared/store/client.js';
import { createApp } from './app.js';
import { apiDeps } from './deps.js';

// Parsed once per container; a bad setting fails the cold start loudly instead of a request.
const config = parseConfig(ApiConfig, process.env);
const store = {
  client: createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
  tableName: config.TABLE_NAME,
};
// In AWS the key is read from Secrets Manager here, once per container (top-level await), and never
// sits in the function's configuration; locally and in tests it comes straight from the environment.
const voterTokenSecret = config.VOTER_TOKEN_SECRET ?? (await readSecret(config.VOTER_TOKEN_SECRET_ARN!, config.AWS_REGION));
const app = createApp(apiDeps(store, { planId: config.PLAN_ID, cookieSecure: config.COOKIE_SECURE, voterTokenSecret, minRatings: config.MIN_RATINGS, rateLimits: rateLimitsOf(config), readCacheSeconds: config.READ_CACHE_SECONDS, formMinSeconds: config.FORM_MIN_SECONDS, ...(config.SITE_URL ? { siteUrl: config.SITE_URL } : {}), ...staffSettingsOf(config) }));

/** API Gateway HTTP API (payload v2) → the Hono app. */
export const handler = handle(app);

async function readSecret(secretId: string, region: string): Promise<string> {
  const client = new SecretsManagerClient({ region });
  try {
    const secret = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString?.trim() ?? '';
    // The same rule as for VOTER_TOKEN_SECRET, so a wrong secret stops the cold start, not a request.
    if (secret.length < 32) {
      throw new ConfigError(`invalid configuration:\n  VOTER_TOKEN_SECRET_ARN: the secret holds ${secret.length} characters; at least 32 are needed`);
    }
    return secret;
  } finally {
    client.destroy();
  }
}
