import { Hono } from 'hono/tiny';
import type { AppDeps } from '../../deps.js';
import { problemResponse } from '../../problem.js';

/** What the health check reads. */
export type HealthDeps = Pick<AppDeps, 'planId' | 'plans' | 'clock' | 'logger'>;

/** Liveness that means something: the store answers and the plan is loaded. */
export function healthRoutes(deps: HealthDeps) {
  return new Hono().get('/health', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const plan = await deps.plans.getPlan(deps.planId);
      if (!plan) return problemResponse(c, 'service-unavailable', { detail: 'the plan has not been loaded' });
      return c.json({ status: 'ok', plan: plan.id, time: deps.clock().toISOString() });
    } catch (error) {
      deps.logger.error('health check failed', { error });
      const res = problemResponse(c, 'service-unavailable', { detail: 'the store does not answer' });
      res.headers.set('Retry-After', '2');
      return res;
    }
  });
}
