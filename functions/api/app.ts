import { citizenPart } from './citizen.js';
import { withCommonMiddleware } from './common.js';
import type { ApiDeps } from './deps.js';
import { sitePart } from './site.js';
import { staffPart } from './staff-api.js';

/**
 * The whole app: every part in one, as `npm start` and the tests serve it. In AWS each part runs
 * in its own function (functions/api, functions/staff, functions/web) with the same middleware.
 */
export function createApp(deps: ApiDeps) {
  return withCommonMiddleware(deps, [citizenPart(deps), staffPart(deps), sitePart(deps)]);
}

