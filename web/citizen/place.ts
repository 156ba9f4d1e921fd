import { currentPlan, planStatus, publicPlansInOrder } from '../../shared/plan/current.js';
import type { PlanScope, PlanScopeDeps } from '../../shared/http/plan-scope.js';
import type { PlanSummary } from '../../shared/store/plan-repository.js';
import type { YearSpan } from '../i18n.js';
import { takesRatings } from '../../shared/plan/lifecycle.js';

/**
 * Where a citizen page stands among the plans: the plan it shows, the prefix every link it emits
 * keeps (so a reader of the 14th plan's pages stays in the 14th plan), the current plan (what the
 * unscoped addresses show) and every public plan, current first, for the switcher.
 */
export interface PlanPlace {
  plan: PlanSummary;
  /** '' at the unscoped addresses of the current plan, `/plans/{planId}` otherwise. */
  base: string;
  current: PlanSummary | null;
  plans: PlanSummary[];
}

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

/** Every public plan, current first, and which one is current: what /plans and the switcher show. */
export async function publicPlans(deps: PlanScopeDeps): Promise<{ current: PlanSummary | null; plans: PlanSummary[] }> {
  const all = await deps.plans.listPlans();
  const current = currentPlan(all, deps.clock(), deps.currentPlanId);
  return { current, plans: publicPlansInOrder(all, current) };
}

/** The place of a page reached through planScoped (shared/http/plan-scope.ts). */
export async function placeOf(deps: PlanScopeDeps, scope: PlanScope): Promise<PlanPlace> {
  return { ...scope, ...(await publicPlans(deps)) };
}
