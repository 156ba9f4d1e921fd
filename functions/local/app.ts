import { citizenPart } from '../../shared/http/api/citizen.js';
import { withCommonMiddleware } from '../../shared/http/middleware.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { sitePart } from '../../web/site.js';
import { staffPart } from '../../shared/http/api/staff.js';

/**
 * The whole app: every part in one, as `npm start` and the tests serve it. In AWS each part runs
 * in its own function (functions/api, functions/staff, functions/web) with the same middleware.
 */
export function createApp(deps: AppDeps) {
  return withCommonMiddleware(deps, [citizenPart(deps), staffPart(deps), sitePart(deps)]);
}
