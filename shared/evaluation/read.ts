import type { AppDeps } from '../http/deps.js';
import { ProblemError } from '../http/problem.js';
import { planScope } from '../ratings/scopes.js';
import { scopeSummaryIn } from '../ratings/views.js';
import type { PlanSummary } from '../store/plan-repository.js';
import { evaluatePlan, type PlanEvaluation } from './evaluation.js';

/** What the final evaluation reads: the plan's partition, its progress reports, the published ratings, the cases. */
export type EvaluationReadDeps = Pick<
  AppDeps,
  'plans' | 'progress' | 'ratings' | 'minRatings' | 'cases' | 'calendar' | 'clock'
>;

/**
 * The final evaluation of a plan as of now, read in four queries (and a scan of the cases). Its
 * own module, apart from the CSV route, so that the citizen evaluation page carries no CSV writer
 * or open-data formatters.
 */
export async function readEvaluation(deps: EvaluationReadDeps, plan: PlanSummary): Promise<PlanEvaluation> {
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
