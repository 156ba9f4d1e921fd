import { downloadPath } from '../../shared/open-data/paths.js';
import type { TargetType } from '../../shared/feedback/target.js';
import { targetKind } from '../../shared/feedback/target-kinds.js';
import { inPlan, type PlanPlace } from './place.js';

/**
 * What the citizen pages link to beyond themselves, served by the site's other routes
 * (web/downloads.ts): the open-data dictionary and downloads (routes/open-data.ts), the API
 * reference (routes/docs.ts) and the Atom feeds (routes/feeds.ts). tests/unit/web-findable.test.ts
 * requests every one of them, so a moved route fails there rather than as a dead link. Each is the
 * plan's the page shows (`place`): its own at /plans/{planId}/…, the current plan's at the alias.
 */
type Place = Pick<PlanPlace, 'base' | 'plan'> | undefined;

export const API_DOCS_PAGE = '/api/docs';
/** The data dictionary and the downloads of the plan. */
export const openDataPage = (place: Place) => inPlan(place, '/open-data');
/**
 * A plan-scoped API route of the plan a page shows (`/api/v1/plans/{planId}/feedback`), or of the
 * current plan at its unscoped alias (`/api/v1/feedback`).
 */
export const planApi = (place: Pick<PlanPlace, 'base'> | undefined, path: string) =>
  `/api/v1${place?.base ?? ''}${path}`;
/** The plan as data: the plan file's contents, naming its source document and that document's SHA-256. */
export const planData = (place: Place) =>
  downloadPath('plan', 'json', place && place.base !== '' ? place.plan.id : undefined);
/** The plan's feed: new official values, status changes, official replies and closed 差评 cases of every target. */
export const planFeed = (place: Place) => planApi(place, '/feeds/plan.atom');
/** One indicator's or project's feed: the same news, of that target only. */
export const targetFeed = (targetType: TargetType, targetId: string, place?: Place) =>
  planApi(place, `/feeds/${targetKind(targetType).collection}/${encodeURIComponent(targetId)}.atom`);
