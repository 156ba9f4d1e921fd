import { planStatus } from '../../shared/plan/current.js';
import type { PlanScope } from '../../shared/http/plan-scope.js';
import type { PlanSummary } from '../../shared/store/plan-repository.js';
import type { YearSpan } from '../i18n.js';
import { takesRatings } from '../../shared/plan/lifecycle.js';

/**
 * Where a citizen page stands among the plans: the plan it shows, the prefix every link it emits
 * keeps (so a reader of the 14th plan's pages stays in the 14th plan), the current plan (what the
 * unscoped addresses show) and every public plan, current first, for the switcher.
 */
export type PlanPlace = PlanScope;

/** A path of the plan's own pages (`/`, `/indicators`, `/method`), under the place's prefix. */
export const inPlan = (place: Pick<PlanPlace, 'base'> | undefined, path: string): string => {
  const base = place?.base ?? '';
  if (path === '/') return base === '' ? '/' : base;
  return `${base}${path}`;
};

/** A plan's own pages, wherever it is reached from. */
export const planPath = (planId: string) => `/plans/${encodeURIComponent(planId)}`;

/** The list of every plan. */
export const PLANS_PAGE = '/plans';

/** A plan's final evaluation (终期评估), the page a closed plan leads to. */
export const evaluationPath = (planId: string) => `${planPath(planId)}/evaluation`;

/** Whether the plan takes ratings: a closed one is read, not rated (shared/plan/lifecycle.ts says which do). */
export const ratingsOpen = (plan: PlanSummary) => takesRatings(planStatus(plan));

/** The years the plan's pages speak of: from its baseline year to the end of its period. */
export const planYears = (plan: Pick<PlanSummary, 'baselineYear' | 'periodEnd'>): YearSpan => ({
  base: plan.baselineYear,
  target: plan.periodEnd,
});
