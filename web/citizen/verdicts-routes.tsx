import type { Context } from 'hono';
import type { Hono } from 'hono/tiny';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { PlanScopedEnv } from '../../shared/http/plan-scope.js';
import type { PageContext } from '../context.js';
import { VerdictsPage } from './pages/verdicts.js';
import { verdictsPageData, type VerdictsPageDeps } from './verdicts-data.js';

/** The two verdicts' page among the plan's own pages: /plans/{planId}/verdicts and, for the current plan, /verdicts. */
export function verdictPages(
  plan: Hono<PlanScopedEnv>,
  deps: VerdictsPageDeps,
  render: (c: Context, page: (ctx: PageContext) => JSX.Element) => Promise<Response>,
) {
  plan.get('/verdicts', async (c) => {
    const data = await verdictsPageData(deps, c.get('planScope').plan.id, c.req.query());
    return render(c, (ctx) => <VerdictsPage ctx={ctx} data={data} />);
  });
}
