import type { Context, Hono } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { publicPlans, type PlanScopeDeps } from '../../shared/http/plan-scope.js';
import type { PageContext } from '../context.js';
import { PLANS_PAGE } from './place.js';
import { PlansPage } from './pages/plans.js';

/**
 * The list of every public plan (GET /plans), current first: the way from the current plan's pages
 * to the others, and from a closed plan to its final evaluation. It belongs to no plan itself.
 */
export function plansRoutes(
  app: Hono,
  deps: PlanScopeDeps,
  render: (c: Context, page: (ctx: PageContext) => JSX.Element) => Promise<Response>,
) {
  app.get(PLANS_PAGE, async (c) => {
    const { current, plans } = await publicPlans(deps);
    return render(c, (ctx) => <PlansPage ctx={ctx} plans={plans} current={current?.id ?? null} />);
  });
}
