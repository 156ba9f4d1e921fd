import { handle } from 'hono/aws-lambda';
import { verifierFor } from '../../shared/auth/verifier.js';
import { notifierFor } from '../../shared/cases/web-push-notifier.js';
import { withCommonMiddleware } from '../../shared/http/middleware.js';
import { lambdaDeps } from '../../shared/http/lambda-deps.js';
import { staffPart } from '../../shared/http/api/staff.js';

const deps = await lambdaDeps(process.env, verifierFor, notifierFor);

/** The staff API (/api/v1/monitor|publisher|admin): API Gateway HTTP API (payload v2) → Hono. */
export const handler = handle(withCommonMiddleware(deps, [staffPart(deps)]));
