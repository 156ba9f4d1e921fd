import { Hono } from 'hono/tiny';
import { webRoutes } from './citizen/routes.js';
import { staffWebRoutes } from './staff/routes.js';
import type { AppPart } from '../shared/http/middleware.js';
import type { ApiDeps } from '../shared/http/deps.js';
import { docsPages, openApiRoutes } from '../shared/http/api/routes/docs.js';
import { feedRoutes } from '../shared/http/api/routes/feeds.js';
import { openDataPages, openDataRoutes } from '../shared/http/api/routes/open-data.js';

/**
 * The site (the `web` function): the citizen pages, and what is downloaded rather than called on
 * the hot path: open data (/api/v1/open-data/…, CSV and JSON), Atom feeds (/api/v1/feeds/…), the
 * OpenAPI document and the API reference; and staff sign-in with the staff pages (web/staff/). These carry the heavy formatters (CSV, XML, JSX), and
 * their answers are cached at the edge for minutes.
 */
export const sitePart = (deps: ApiDeps): AppPart => ({
  api: new Hono().route('/', openDataRoutes(deps)).route('/', feedRoutes(deps)).route('/', openApiRoutes(deps)),
  // The open-data dictionary, the API reference and the staff pages come before the citizen site's catch-all.
  pages: new Hono()
    .route('/', openDataPages(deps))
    .route('/', docsPages(deps))
    .route('/', staffWebRoutes(deps))
    .route('/', webRoutes(deps)),
});
