import { handle } from 'hono/aws-lambda';
import { staffSettingsOf } from '../../shared/config.js';
import { verifierFor } from '../../shared/auth/verifier.js';
import { withCommonMiddleware } from '../api/common.js';
import { lambdaDeps } from '../api/lambda.js';
import { sitePart } from '../api/site.js';

// The site's staff pages sign in with the same provider as the staff API.
const deps = await lambdaDeps(process.env, (config) => ({ staffAuth: verifierFor(staffSettingsOf(config).auth) }));

/** The pages, open data, feeds and the API reference: API Gateway HTTP API (payload v2) → Hono. */
export const handler = handle(withCommonMiddleware(deps, [sitePart(deps)]));
