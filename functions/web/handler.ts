import { handle } from 'hono/aws-lambda';
import { verifierFor } from '../../shared/auth/verifier.js';
import { withCommonMiddleware } from '../../shared/http/middleware.js';
import { lambdaDeps } from '../../shared/http/lambda-deps.js';
import { sitePart } from '../../web/site.js';

// The site's staff pages sign in with the same provider as the staff API.
const deps = await lambdaDeps(process.env, verifierFor);

/** The pages, open data, feeds and the API reference: API Gateway HTTP API (payload v2) → Hono. */
export const handler = handle(withCommonMiddleware(deps, [sitePart(deps)]));
