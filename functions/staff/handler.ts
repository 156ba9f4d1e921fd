import { handle } from 'hono/aws-lambda';
import { staffSettingsOf } from '../../shared/config.js';
import { verifierFor } from '../../shared/auth/verifier.js';
import { withCommonMiddleware } from '../../shared/http/middleware.js';
import { lambdaDeps } from '../../shared/http/lambda-deps.js';
import { staffPart } from '../../shared/http/api/staff.js';

const deps = await lambdaDeps(process.env, (config) => ({ staffAuth: verifierFor(staffSettingsOf(config).auth) }));

/** The staff API (/api/v1/monitor|publisher|admin): API Gateway HTTP API (payload v2) → Hono. */
export const handler = handle(withCommonMiddleware(deps, [staffPart(deps)]));
