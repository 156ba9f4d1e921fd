import type { Hono } from 'hono/tiny';
import { currentPlan } from '../plan/current.js';
import type { PlanSummary } from '../store/plan-repository.js';
import { PLAN_ID_PATTERN, planScoped, type PlanScope, type PlanScopeDeps, type PlanScopedEnv } from './plan-scope.js';
import { ProblemError } from './problem.js';

/**
 * Staff work on one plan at a time, named in the address like the citizens' (`/staff/plans/{id}/…`,
 * `/api/v1/publisher/plans/{id}/…`), the unscoped addresses standing for the current plan. Unlike
 * citizens, staff reach drafts too: a draft is where a publisher loads values before it is published.
 */

/** Every stored plan, drafts included: the current one first, then the newest first. */
function staffOrder(all: PlanSummary[], current: PlanSummary | null): PlanSummary[] {
  return [...all].sort(
    (a, b) =>
      Number(b.id === current?.id) - Number(a.id === current?.id) ||
      b.periodEnd - a.periodEnd ||
      a.id.localeCompare(b.id),
  );
}

/** Every stored plan, drafts included, current first, and which one is current: one read of the registry. */
export async function staffPlans(deps: PlanScopeDeps): Promise<{ current: PlanSummary | null; plans: PlanSummary[] }> {
  const all = await deps.plans.listPlans();
  const current = currentPlan(all, deps.clock(), deps.currentPlanId);
  return { current, plans: staffOrder(all, current) };
}

/**
 * The plan a staff address names (any stored plan), or the current plan for an unscoped one (null),
 * with every stored plan for the switcher: one read of the registry.
 */
export async function staffScope(deps: PlanScopeDeps, planId: string | null): Promise<PlanScope> {
  const { current, plans } = await staffPlans(deps);
  if (planId === null) {
    // Before any plan is published, staff still work on the newest draft (to publish it).
    const plan = current ?? plans[0];
    if (!plan) throw new ProblemError('service-unavailable', { detail: 'no plan has been loaded' });
    return { plan, base: '', current, plans };
  }
  const plan = PLAN_ID_PATTERN.test(planId) ? plans.find((p) => p.id === planId) : undefined;
  if (!plan) throw new ProblemError('not-found', { detail: `no plan ${planId}` });
  return { plan, base: `/plans/${planId}`, current, plans };
}

/** `routes` under `/plans/:planId` for any stored plan, and at their own paths for the current plan. */
export const staffPlanScoped = <E extends PlanScopedEnv>(deps: PlanScopeDeps, routes: Hono<E>): Hono<E> =>
  planScoped(deps, routes, { scoped: staffScope, alias: (d) => staffScope(d, null) });
