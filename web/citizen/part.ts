import { Hono } from 'hono/tiny';
import type { AppPart } from '../../shared/http/middleware.js';
import { webRoutes, type CitizenPagesDeps } from './routes.js';

/**
 * The `web` function: the citizen pages and nothing else, so that the function every citizen's
 * page view starts carries no staff pages, sign-in, CSV or XML (tests/infra/bundle.test.ts). Its
 * catch-all comes after every other part's pages when all run in one app (functions/local/app.ts).
 */
export const citizenPagesPart = (deps: CitizenPagesDeps): AppPart => ({
  pages: new Hono().route('/', webRoutes(deps)),
});
