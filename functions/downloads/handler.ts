import { handle } from 'hono/aws-lambda';
import { withCommonMiddleware } from '../../shared/http/middleware.js';
import { lambdaDeps } from '../../shared/http/lambda-deps.js';
import { downloadsPart } from '../../web/downloads.js';

const deps = await lambdaDeps(process.env);

/** Open data, feeds, the final evaluation and the API reference: API Gateway HTTP API (payload v2) → Hono. */
export const handler = handle(withCommonMiddleware(deps, [downloadsPart(deps)]));
