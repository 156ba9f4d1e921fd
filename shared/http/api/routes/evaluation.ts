import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { evaluationCsv } from '../../../evaluation/csv.js';
import { evaluatePlan, type PlanEvaluation } from '../../../evaluation/evaluation.js';
import { planScope } from '../../../ratings/scopes.js';
import { scopeSummaryIn } from '../../../ratings/views.js';
import type { PlanSummary } from '../../../store/plan-repository.js';
import type { AppDeps } from '../../deps.js';
import { planScoped, type PlanScopeDeps, type PlanScopedEnv } from '../../plan-scope.js';
import { ProblemError } from '../../problem.js';
import { queryParams } from '../../request.js';
import { NoQuery } from '../../../api/schemas.js';
import { CSV_CONTENT_TYPE, OPEN_DATA_CACHE_CONTROL } from './open-data.js';

/** What the final evaluation reads: the plan's partition, its progress reports, the published ratings, the cases. */
export type EvaluationDeps = PlanScopeDeps &
  Pick<AppDeps, 'plans' | 'progress' | 'ratings' | 'minRatings' | 'cases' | 'calendar' | 'clock'>;

/** `?format=csv` asks for the CSV at the JSON's address, for clients that cannot change the path. */
export const EvaluationQuery = z.strictObject({ format: z.optional(z.enum(['json', 'csv'])) });

/** The final evaluation of a plan as of now, read in four queries (and a scan of the cases). */
export async function readEvaluation(deps: EvaluationDeps, plan: PlanSummary): Promise<PlanEvaluation> {
  const [snapshot, progress, allTime, cases] = await Promise.all([
    deps.plans.snapshot(plan.id),
    deps.progress.listAll(plan.id),
    deps.ratings.periodSummaries(plan.id, 'all'),
    deps.cases.all(plan.id),
  ]);
  if (!snapshot) throw new ProblemError('not-found', { detail: `no plan ${plan.id}` });
  return evaluatePlan({
    snapshot,
    progress,
    planRatings: scopeSummaryIn(allTime, planScope(plan.id), allTime?.minRatings ?? deps.minRatings),
    cases,
    now: deps.clock(),
    calendar: deps.calendar,
  });
}

/**
 * GET /plans/{planId}/evaluation (JSON) and /plans/{planId}/evaluation.csv (or ?format=csv): the
 * final evaluation, also at /evaluation for the current plan. A plan still within its period is
 * evaluated all the same, marked `provisional`: citizens ask how a plan is doing before it ends.
 */
export function evaluationRoutes(deps: EvaluationDeps) {
  const answer = async (c: Context<PlanScopedEnv>, format: 'json' | 'csv') => {
    const { plan } = c.get('planScope');
    const evaluation = await readEvaluation(deps, plan);
    c.header('Cache-Control', OPEN_DATA_CACHE_CONTROL);
    if (format === 'json') return c.json(evaluation);
    c.header('Content-Disposition', `attachment; filename="${plan.id}-evaluation.csv"`);
    return c.body(evaluationCsv(evaluation), 200, { 'Content-Type': CSV_CONTENT_TYPE });
  };
  const routes = new Hono<PlanScopedEnv>()
    .get('/evaluation', (c) => answer(c, queryParams(c, EvaluationQuery).format ?? 'json'))
    .get('/evaluation.csv', (c) => {
      queryParams(c, NoQuery);
      return answer(c, 'csv');
    });
  return planScoped(deps, routes);
}
