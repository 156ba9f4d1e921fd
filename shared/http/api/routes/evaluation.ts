import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { evaluationCsv } from '../../../evaluation/csv.js';
import { readEvaluation, type EvaluationReadDeps } from '../../../evaluation/read.js';
import { planScoped, type PlanScopeDeps, type PlanScopedEnv } from '../../plan-scope.js';
import { queryParams } from '../../request.js';
import { NoQuery } from '../../../api/schemas.js';
import { CSV_CONTENT_TYPE, OPEN_DATA_CACHE_CONTROL } from './open-data.js';

/** What the final evaluation reads, and the plan scope of its address. */
export type EvaluationDeps = PlanScopeDeps & EvaluationReadDeps;

/** `?format=csv` asks for the CSV at the JSON's address, for clients that cannot change the path. */
export const EvaluationQuery = z.strictObject({ format: z.optional(z.enum(['json', 'csv'])) });

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
