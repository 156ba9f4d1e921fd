import { Hono } from 'hono/tiny';
import type { AppPart } from '../shared/http/middleware.js';
import { docsPages, openApiRoutes } from '../shared/http/api/routes/docs.js';
import { feedRoutes, type FeedDeps } from '../shared/http/api/routes/feeds.js';
import { caseFeedRoutes, type CaseFeedDeps } from '../shared/http/api/routes/case-feed.js';
import { openDataPages, openDataRoutes, type OpenDataDeps } from '../shared/http/api/routes/open-data.js';
import { evaluationRoutes, type EvaluationDeps } from '../shared/http/api/routes/evaluation.js';
import { planScoped, type PlanScopeDeps, type PlanScopedEnv } from '../shared/http/plan-scope.js';

/** What is downloaded rather than viewed: open data, feeds, the final evaluation, the API reference. */
export type DownloadsDeps = PlanScopeDeps & OpenDataDeps & FeedDeps & CaseFeedDeps & EvaluationDeps;

/**
 * The `downloads` function: open data (/api/v1/open-data/…, CSV and JSON) with its dictionary page,
 * Atom feeds (/api/v1/feeds/…), the final evaluation as JSON and CSV, the OpenAPI document and the
 * API reference. These carry the heavy formatters (CSV, XML), kept out of the citizen pages'
 * function (web/citizen/part.ts) so its cold start stays short; their answers are cached at the
 * edge for minutes.
 */
export const downloadsPart = (deps: DownloadsDeps): AppPart => ({
  api: new Hono()
    // A case's private feed, opened with its receipt code: of no plan's address.
    .route('/', caseFeedRoutes(deps))
    // Each plan's, under /plans/{planId}, and the current plan's at their own paths.
    .route(
      '/',
      planScoped(deps, new Hono<PlanScopedEnv>().route('/', openDataRoutes(deps)).route('/', feedRoutes(deps))),
    )
    .route('/', openApiRoutes())
    .route('/', evaluationRoutes(deps)),
  pages: new Hono().route('/', planScoped(deps, openDataPages())).route('/', docsPages()),
});
