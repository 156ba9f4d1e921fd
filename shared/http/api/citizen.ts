import { Hono } from 'hono/tiny';
import type { AppPart } from '../middleware.js';
import type { ApiDeps } from '../deps.js';
import { accountabilityRoutes } from './routes/accountability.js';
import { feedbackRoutes } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { planRoutes } from './routes/plan.js';
import { ratingRoutes } from './routes/ratings.js';

/**
 * The citizen JSON API (the `api` function): what citizens and the web client call on the hot
 * path. Health, the plan, indicators and projects, ratings, feedback, flags, a voter's own data
 * and case statistics. Nothing here signs staff in, writes CSV or renders HTML.
 */
export const citizenPart = (deps: ApiDeps): AppPart => ({
  api: new Hono()
    .route('/', healthRoutes(deps))
    .route('/', planRoutes(deps))
    .route('/', ratingRoutes(deps))
    .route('/', feedbackRoutes(deps))
    .route('/', accountabilityRoutes(deps)),
});
