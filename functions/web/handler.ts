import { handle } from 'hono/aws-lambda';
import { withCommonMiddleware } from '../../shared/http/middleware.js';
import { lambdaDeps } from '../../shared/http/lambda-deps.js';
import { citizenPagesPart } from '../../web/citizen/part.js';

// No staff verifier: the citizen pages never sign anyone in, so jose stays out of this bundle.
const deps = await lambdaDeps(process.env);

/** The citizen pages: API Gateway HTTP API (payload v2) → Hono. */
export const handler = handle(withCommonMiddleware(deps, [citizenPagesPart(deps)]));
