import { handle } from 'hono/aws-lambda';
import { ApiConfig, parseConfig } from '../../shared/config.js';
import { createDocumentClient } from '../../shared/store/client.js';
import { createApp } from './app.js';
import { apiDeps } from './deps.js';

// Parsed once per container; a bad setting fails the cold start loudly instead of a request.
const config = parseConfig(ApiConfig, process.env);
const store = {
  client: createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
  tableName: config.TABLE_NAME,
};
const app = createApp(
  apiDeps(store, { planId: config.PLAN_ID, cookieSecure: config.COOKIE_SECURE, voterTokenSecret: config.VOTER_TOKEN_SECRET }),
);

/** API Gateway HTTP API (payload v2) → the Hono app. */
export const handler = handle(app);
