import { Hono } from 'hono/tiny';
import type { AppDeps } from '../../deps.js';
import { problemResponse } from '../../problem.js';
import { currentPlan } from '../../../plan/current.js';
import { responder } from '../respond.js';
import type { healthContract } from './health.contract.js';

const respond = responder<typeof healthContract>();

/** What the health check reads. */
export type HealthDeps = Pick<AppDeps, 'currentPlanId' | 'plans' | 'clock' | 'logger'>;

/** Liveness that means something: the store answers and a plan is there for the unscoped addresses. */
export function healthRoutes(deps: HealthDeps) {
  return new Hono().get('/health', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const plan = currentPlan(await deps.plans.listPlans(), deps.clock(), deps.currentPlanId);
      if (!plan) return problemResponse(c, 'service-unavailable', { detail: 'no plan has been published' });
      return respond(c, 'health', 200, { status: 'ok', plan: plan.id, time: deps.clock().toISOString() });
    } catch (error) {
      deps.logger.error('health check failed', { error });
      const res = problemResponse(c, 'service-unavailable', { detail: 'the store does not answer' });
      res.headers.set('Retry-After', '2');
      return res;
    }
  });
}
