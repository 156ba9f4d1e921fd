import type { Context, Hono } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { EvaluationDeps } from '../../shared/http/api/routes/evaluation.js';
import { readEvaluation } from '../../shared/evaluation/read.js';
import type { PlanScopedEnv } from '../../shared/http/plan-scope.js';
import type { PageContext } from '../context.js';
import { EvaluationPage } from './pages/evaluation.js';

/**
 * GET /plans/{planId}/evaluation (and /evaluation for the current plan): the final evaluation as a
 * printable page, from the same reading as the API's JSON and CSV. A plan still in its period is
 * shown all the same, marked provisional on the page.
 */
export function evaluationPages(
  plan: Hono<PlanScopedEnv>,
  deps: EvaluationDeps,
  tools: { render(c: Context, page: (ctx: PageContext) => JSX.Element): Promise<Response> },
) {
  plan.get('/evaluation', async (c) => {
    const { plan: summary } = c.get('planScope');
    const data = await readEvaluation(deps, summary);
    const csvHref = `/api/v1/plans/${summary.id}/evaluation.csv`;
    return tools.render(c, (ctx) => <EvaluationPage ctx={ctx} data={data} csvHref={csvHref} />);
  });
}
