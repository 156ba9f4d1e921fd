import { downloadPath } from '../../shared/open-data/dictionary.js';
import type { TargetType } from '../../shared/feedback/target.js';
import { targetKind } from '../../shared/feedback/target-kinds.js';

/**
 * What the citizen pages link to beyond themselves, served by the site's other routes
 * (web/site.ts): the open-data dictionary and downloads (routes/open-data.ts), the API
 * reference (routes/docs.ts) and the Atom feeds (routes/feeds.ts). tests/unit/web-findable.test.ts
 * requests every one of them, so a moved route fails there rather than as a dead link.
 */
export const OPEN_DATA_PAGE = '/open-data';
export const API_DOCS_PAGE = '/api/docs';
/** The plan as data: the plan file's contents, naming its source document and that document's SHA-256. */
export const PLAN_DATA = downloadPath('plan', 'json');
/** The site-wide feed: new official values, status changes, official replies and closed 差评 cases of every target. */
export const PLAN_FEED = '/api/v1/feeds/plan.atom';
/**
 * A plan-scoped API route of the plan a page shows (`/api/v1/plans/{planId}/feedback`), or of the
 * current plan at its unscoped alias (`/api/v1/feedback`).
 */
export const planApi = (place: { base: string } | undefined, path: string) => `/api/v1${place?.base ?? ''}${path}`;
/** One indicator's or project's feed: the same news, of that target only. */
export const targetFeed = (targetType: TargetType, targetId: string) =>
  `/api/v1/feeds/${targetKind(targetType).collection}/${encodeURIComponent(targetId)}.atom`;
