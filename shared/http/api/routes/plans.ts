import { Hono } from 'hono/tiny';
import { NoQuery } from '../../../api/schemas.js';
import { planStatus } from '../../../plan/current.js';
import type { PlanSummary } from '../../../store/plan-repository.js';
import { publicPlans, type PlanScopeDeps } from '../../plan-scope.js';
import { queryParams } from '../../request.js';

/** A plan as the list of plans shows it: what it is, its period, its status and where it is served. */
export const planListItem = (plan: PlanSummary, current: boolean) => ({
  id: plan.id,
  titleZh: plan.titleZh,
  titleEn: plan.titleEn,
  district: plan.district,
  periodStart: plan.periodStart,
  periodEnd: plan.periodEnd,
  status: planStatus(plan),
  current,
  href: `/api/v1/plans/${plan.id}/plan`,
});

/** `GET /plans`: every plan citizens may see (never a draft), the current one first, then the newest. */
export function plansRoutes(deps: PlanScopeDeps) {
  return new Hono().get('/plans', async (c) => {
    queryParams(c, NoQuery);
    const { current, plans } = await publicPlans(deps);
    const items = plans.map((plan) => planListItem(plan, plan.id === current?.id));
    return c.json({ items, count: items.length, current: current?.id ?? null });
  });
}
