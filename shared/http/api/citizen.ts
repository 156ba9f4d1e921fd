import { Hono } from 'hono/tiny';
import type { AppPart } from '../middleware.js';
import type { AppDeps } from '../deps.js';
import { accountabilityRoutes, caseStatsRoutes } from './routes/accountability.js';
import { caseFollowRoutes } from './routes/case-follow.js';
import { casePushRoutes } from './routes/case-push.js';
import { plansRoutes } from './routes/plans.js';
import { planScoped, type PlanScopedEnv } from '../plan-scope.js';
import { feedbackRoutes } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { planRoutes } from './routes/plan.js';
import { ratingRoutes } from './routes/ratings.js';
import { verdictRoutes } from './routes/verdicts.js';

/**
 * What the citizen API uses: the plan, published ratings, the ballot log, flags, a voter's cases,
 * and the limits and keys that protect them. No staff sign-in, moderation, replies or fraud marks.
 */
export type CitizenDeps = Pick<
  AppDeps,
  | 'plans'
  | 'progress'
  | 'ratings'
  | 'verdicts'
  | 'currentPlanId'
  | 'minRatings'
  | 'feedback'
  | 'flags'
  | 'flagThreshold'
  | 'cases'
  | 'departments'
  | 'receipts'
  | 'lookupLimits'
  | 'push'
  | 'caseDeadlineDays'
  | 'calendar'
  | 'audit'
  | 'voterTokens'
  | 'cookieSecure'
  | 'hashAddress'
  | 'feedbackLimits'
  | 'clock'
  | 'newId'
  | 'logger'
>;

/**
 * The citizen JSON API (the `api` function): what citizens and the web client call on the hot
 * path. Health, the plan, indicators and projects, ratings, feedback, flags, a voter's own data
 * and case statistics. Nothing here signs staff in, writes CSV or renders HTML.
 */
export const citizenPart = (deps: CitizenDeps): AppPart => ({
  api: new Hono()
    .route('/', healthRoutes(deps))
    .route('/', plansRoutes(deps))
    .route('/', accountabilityRoutes(deps))
    .route('/', caseFollowRoutes(deps))
    .route('/', casePushRoutes(deps))
    // Each under /plans/{planId} for that plan and, for the current plan, at its own path.
    .route(
      '/',
      planScoped(
        deps,
        new Hono<PlanScopedEnv>()
          .route('/', planRoutes(deps))
          .route('/', ratingRoutes(deps))
          .route('/', feedbackRoutes(deps))
          .route('/', caseStatsRoutes(deps)),
      ),
    )
    .route('/', verdictRoutes(deps)),
});
