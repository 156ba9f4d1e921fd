import { handle } from 'hono/aws-lambda';
import { verifierFor } from '../../shared/auth/verifier.js';
import { notifierFor } from '../../shared/cases/web-push-notifier.js';
import { withCommonMiddleware } from '../../shared/http/middleware.js';
import { lambdaDeps } from '../../shared/http/lambda-deps.js';
import { staffPagesPart } from '../../web/staff/part.js';

// The staff pages sign in with the same provider as the staff API.
const deps = await lambdaDeps(process.env, verifierFor, notifierFor);

/** Staff sign-in and the staff pages: API Gateway HTTP API (payload v2) → Hono. */
export const handler = handle(withCommonMiddleware(deps, [staffPagesPart(deps)]));
