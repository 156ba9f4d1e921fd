import { handle } from 'hono/aws-lambda';
import { citizenPart } from '../../shared/http/api/citizen.js';
import { withCommonMiddleware } from '../../shared/http/middleware.js';
import { lambdaDeps } from '../../shared/http/lambda-deps.js';

// Configuration and the voter-token key are read once per container, before the first request.
const deps = await lambdaDeps(process.env);

/** The citizen JSON API (/api/v1 without staff, open data or feeds): API Gateway HTTP API (payload v2) → Hono. */
export const handler = handle(withCommonMiddleware(deps, [citizenPart(deps)]));
