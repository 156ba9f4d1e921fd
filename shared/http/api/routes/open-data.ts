import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { NoQuery } from '../../../api/schemas.js';
import { commentsByTarget } from '../../../feedback/comment-order.js';
import type { TargetType } from '../../../feedback/target.js';
import { DATASET_IDS, FORMATS, type DatasetId, type DatasetRows, type Format } from '../../../open-data/datasets.js';
import { DICTIONARY_STYLE_SOURCE, dictionaryHtml } from '../../../open-data/dictionary.js';
import { fileName, toCsv, toJsonDataset } from '../../../open-data/format.js';
import {
  commentRows,
  historyRows,
  indicatorRows,
  observationRows,
  planDocument,
  projectRows,
  ratingRows,
} from '../../../open-data/rows.js';
import type { PeriodSummaries } from '../../../ratings/documents.js';
import { verdictRows } from '../../../open-data/verdicts-dataset.js';
import { storedVerdicts } from '../../../verdicts/verdicts.js';
import { planScope } from '../../../ratings/scopes.js';
import type { PlanSnapshot } from '../../../store/plan-repository.js';
import type { AppDeps } from '../../deps.js';
import { ProblemError } from '../../problem.js';
import { queryParams } from '../../request.js';
import type { PlanScopedEnv } from '../../plan-scope.js';

/**
 * Open data changes when a value is published, a comment moderated or the aggregation publishes
 * (every few minutes): five minutes at the edge, revalidated by ETag after that.
 */
export const OPEN_DATA_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** What the open data downloads read (the dictionary page needs only the plan). */
export type OpenDataDeps = Pick<AppDeps, 'plans' | 'ratings' | 'feedback' | 'verdicts'>;

/**
 * Public downloads of the request's plan at stable URLs: GET /api/v1/plans/{planId}/open-data/
 * {dataset}.{csv|json} and plan.json (the current plan's also without /plans/{planId}). Every row
 * says its plan in `plan_id`.
 */
export function openDataRoutes(deps: OpenDataDeps) {
  const snapshotOf = async (planId: string): Promise<PlanSnapshot> => {
    const found = await deps.plans.snapshot(planId);
    if (!found) throw new ProblemError('service-unavailable', { detail: `plan ${planId} has not been loaded` });
    return found;
  };

  /**
   * Every published period of the plan: all-time, then each year and month in order. The periods
   * with data are those of the plan's own series (every rating counts in the plan scope), one small query.
   */
  const publishedSummaries = async (planId: string): Promise<PeriodSummaries[]> => {
    const points = await deps.ratings.series(planId, planScope(planId));
    const periods = ['all', ...[...new Set(points.map((p) => p.period))].sort()];
    const documents = await Promise.all(periods.map((period) => deps.ratings.periodSummaries(planId, period)));
    return documents.filter((d): d is PeriodSummaries => d !== null);
  };

  /** Every published comment, target by target in plan order, newest first within each: from the plan's index. */
  const publishedComments = async (plan: PlanSnapshot) => {
    const targets: Array<{ targetType: TargetType; targetId: string }> = [
      ...plan.indicators.map((i) => ({ targetType: 'indicator' as const, targetId: i.id })),
      ...projectRows(plan).map((p) => ({ targetType: 'project' as const, targetId: p.id })),
    ];
    const grouped = commentsByTarget(targets, await deps.feedback.planPublishedComments(plan.plan.id));
    return grouped.map(({ target, comments }) => ({ ...target, comments }));
  };

  const ROWS: { [D in DatasetId]: (planId: string) => Promise<ReadonlyArray<DatasetRows[D]>> } = {
    indicators: async (planId) => indicatorRows(await snapshotOf(planId)),
    observations: async (planId) => observationRows(await snapshotOf(planId)),
    projects: async (planId) => projectRows(await snapshotOf(planId)),
    history: async (planId) => historyRows(await snapshotOf(planId)),
    // The published documents alone: the plan's partition is not needed.
    ratings: async (planId) => ratingRows(await publishedSummaries(planId)),
    comments: async (planId) => {
      const plan = await snapshotOf(planId);
      return commentRows(plan, await publishedComments(plan));
    },
    // As the aggregation run stored them, every period.
    verdicts: async (planId) => verdictRows(await storedVerdicts(deps.verdicts, planId)),
  };
  const rowsOf = <K extends DatasetId>(id: K, planId: string): Promise<ReadonlyArray<DatasetRows[K]>> =>
    ROWS[id](planId);

  const download = (c: Context, body: string, name: string, format: Format) => {
    c.header('Cache-Control', OPEN_DATA_CACHE_CONTROL);
    // CSV is a file to save; JSON opens in the browser, and saves under the same name.
    c.header('Content-Disposition', `${format === 'csv' ? 'attachment' : 'inline'}; filename="${name}"`);
    return c.body(body, 200, {
      'Content-Type': format === 'csv' ? CSV_CONTENT_TYPE : 'application/json; charset=utf-8',
    });
  };

  const app = new Hono<PlanScopedEnv>();
  app.get('/open-data/plan.json', async (c) => {
    queryParams(c, NoQuery);
    const planId = c.get('planScope').plan.id;
    return download(
      c,
      JSON.stringify(planDocument(await snapshotOf(planId))),
      fileName(planId, 'plan', 'json'),
      'json',
    );
  });
  for (const id of DATASET_IDS) {
    for (const format of FORMATS) {
      app.get(`/open-data/${id}.${format}`, async (c) => {
        queryParams(c, NoQuery);
        const planId = c.get('planScope').plan.id;
        const rows = await rowsOf(id, planId);
        const body = format === 'csv' ? toCsv(id, planId, rows) : JSON.stringify(toJsonDataset(id, planId, rows));
        return download(c, body, fileName(planId, id, format), format);
      });
    }
  }
  return app;
}

/** GET /open-data: the data dictionary of the request's plan, a plain page beside the site's own. */
export function openDataPages() {
  return new Hono<PlanScopedEnv>().get('/open-data', (c) => {
    queryParams(c, NoQuery);
    const { plan } = c.get('planScope');
    c.header('Cache-Control', OPEN_DATA_CACHE_CONTROL);
    // No script, no image: nothing to allow but the page's own style, by its hash.
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; style-src ${DICTIONARY_STYLE_SOURCE}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    );
    return c.html(dictionaryHtml(plan.id, plan.titleZh));
  });
}
