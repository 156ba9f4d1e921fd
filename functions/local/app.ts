import { citizenPart } from '../../shared/http/api/citizen.js';
import { withCommonMiddleware } from '../../shared/http/middleware.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { citizenPagesPart } from '../../web/citizen/part.js';
import { downloadsPart } from '../../web/downloads.js';
import { staffPagesPart } from '../../web/staff/part.js';
import { staffPart } from '../../shared/http/api/staff.js';

/**
 * The whole app: every part in one, as `npm start` and the tests serve it. In AWS each part runs
 * in its own function (functions/api, functions/staff, functions/downloads, functions/staff-pages,
 * functions/web) with the same middleware; the citizen pages' catch-all comes last.
 */
export function createApp(deps: AppDeps) {
  return withCommonMiddleware(deps, [
    citizenPart(deps),
    staffPart(deps),
    downloadsPart(deps),
    staffPagesPart(deps),
    citizenPagesPart(deps),
  ]);
}
