import { Hono } from 'hono/tiny';
import type { AppPart } from '../../shared/http/middleware.js';
import { staffWebRoutes, type StaffPagesDeps } from './routes.js';

/**
 * The `staffPages` function: staff sign-in (/auth/…) and the staff pages (/staff…), with jose and
 * the CSV import, kept out of the citizen pages' function (web/citizen/part.ts).
 */
export const staffPagesPart = (deps: StaffPagesDeps): AppPart => ({
  pages: new Hono().route('/', staffWebRoutes(deps)),
});
