import { Hono } from 'hono/tiny';
import { VerdictsQuery } from '../../../api/verdict-query.js';
import { emptyVerdicts, filterVerdicts } from '../../../verdicts/verdicts.js';
import type { AppDeps } from '../../deps.js';
import { planScoped, type PlanScopeDeps, type PlanScopedEnv } from '../../plan-scope.js';
import { ProblemError } from '../../problem.js';
import { queryParams } from '../../request.js';

/** What the verdicts read: the plan registry (for the plan a request names) and the stored verdicts. */
export type VerdictRouteDeps = PlanScopeDeps & Pick<AppDeps, 'verdicts' | 'minRatings'>;

/**
 * The two verdicts side by side, as the aggregation run stored them; a request only reads and
 * filters. Before the first run the all-time answer is an honest empty one (`published: false`);
 * a year nobody rated in has no verdicts and is not found.
 */
export function verdictRoutes(deps: VerdictRouteDeps) {
  return planScoped(
    deps,
    new Hono<PlanScopedEnv>().get('/verdicts', async (c) => {
      const query = queryParams(c, VerdictsQuery);
      const plan = c.var.planScope.plan;
      const [stored, periods] = await Promise.all([
        deps.verdicts.get(plan.id, query.period),
        deps.verdicts.periods(plan.id),
      ]);
      if (!stored && query.period !== 'all')
        throw new ProblemError('not-found', { detail: `no verdicts for ${query.period}: nobody rated in that year` });
      const document = stored ?? emptyVerdicts(plan.id, deps.minRatings);
      return c.json({ ...filterVerdicts(document, query), published: stored !== null, periods });
    }),
  );
}
