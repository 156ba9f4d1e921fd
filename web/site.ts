import { Hono } from 'hono/tiny';
import { webRoutes, type CitizenPagesDeps } from './citizen/routes.js';
import { staffWebRoutes, type StaffPagesDeps } from './staff/routes.js';
import type { AppPart } from '../shared/http/middleware.js';
import { docsPages, openApiRoutes } from '../shared/http/api/routes/docs.js';
import { feedRoutes, type FeedDeps } from '../shared/http/api/routes/feeds.js';
import { openDataPages, openDataRoutes, type OpenDataDeps } from '../shared/http/api/routes/open-data.js';
import { evaluationRoutes, type EvaluationDeps } from '../shared/http/api/routes/evaluation.js';
import { planScoped, type PlanScopeDeps, type PlanScopedEnv } from '../shared/http/plan-scope.js';

/** What the site uses: what its open data, feeds, citizen pages and staff pages each read and write. */
export type SiteDeps = PlanScopeDeps & OpenDataDeps & FeedDeps & CitizenPagesDeps & StaffPagesDeps & EvaluationDeps;

/**
 * The site (the `web` function): the citizen pages, and what is downloaded rather than called on
 * the hot path: open data (/api/v1/open-data/…, CSV and JSON), Atom feeds (/api/v1/feeds/…), the
 * OpenAPI document and the API reference; and staff sign-in with the staff pages (web/staff/). These carry the heavy formatters (CSV, XML, JSX), and
 * their answers are cached at the edge for minutes.
 */
export const sitePart = (deps: SiteDeps): AppPart => ({
  api: new Hono()
    // Each plan's, under /plans/{planId}, and the current plan's at their own paths.
    .route(
      '/',
      planScoped(deps, new Hono<PlanScopedEnv>().route('/', openDataRoutes(deps)).route('/', feedRoutes(deps))),
    )
    .route('/', openApiRoutes())
    .route('/', evaluationRoutes(deps)),
  // The open-data dictionary, the API reference and the staff pages come before the citizen site's catch-all.
  pages: new Hono()
    .route('/', planScoped(deps, openDataPages()))
    .route('/', docsPages())
    .route('/', staffWebRoutes(deps))
    .route('/', webRoutes(deps)),
});
