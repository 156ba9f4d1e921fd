import { Hono } from 'hono/tiny';
import type { MiddlewareHandler } from 'hono';
import { currentPlan, publicPlansInOrder } from '../plan/current.js';
import type { PlanSummary } from '../store/plan-repository.js';
import type { AppDeps } from './deps.js';
import { ProblemError } from './problem.js';

/**
 * The plan a request is about, the path prefix its links keep, and what the registry said of the
 * others (the current plan, every public plan, current first), read once with it for the switcher.
 */
export interface PlanScope {
  plan: PlanSummary;
  /** '' when reached by the unscoped alias of the current plan, `/plans/${id}` when scoped. */
  base: string;
  current: PlanSummary | null;
  plans: PlanSummary[];
}
export type PlanScopedEnv = { Variables: { planScope: PlanScope } };

/** What resolving a request's plan reads: the registry, the configured current plan, the date. */
export type PlanScopeDeps = Pick<AppDeps, 'plans' | 'currentPlanId' | 'clock'>;

export const PLAN_ID_PATTERN = /^[a-z0-9-]{1,64}$/;

/** Every public plan, current first, and which one is current: one read of the registry. */
export async function publicPlans(deps: PlanScopeDeps): Promise<{ current: PlanSummary | null; plans: PlanSummary[] }> {
  const all = await deps.plans.listPlans();
  const current = currentPlan(all, deps.clock(), deps.currentPlanId);
  return { current, plans: publicPlansInOrder(all, current) };
}

/** The plan addresses name, as a PlanScope; an unknown or draft plan is not found. */
export async function scopeOf(deps: PlanScopeDeps, planId: string): Promise<PlanScope> {
  const listed = await publicPlans(deps);
  const plan = PLAN_ID_PATTERN.test(planId) ? listed.plans.find((p) => p.id === planId) : undefined;
  if (!plan) throw new ProblemError('not-found', { detail: `no plan ${planId}` });
  return { plan, base: `/plans/${planId}`, ...listed };
}

/** The plan the unscoped addresses stand for, as a PlanScope. */
export async function currentScope(deps: PlanScopeDeps): Promise<PlanScope> {
  const listed = await publicPlans(deps);
  // A site without a public plan has nothing to show at its unscoped addresses; an operations fault.
  if (!listed.current) throw new ProblemError('service-unavailable', { detail: 'no plan has been published' });
  return { plan: listed.current, base: '', ...listed };
}

/** How a scoped address and the alias find their plan: citizens' (public plans only) or staff's (drafts too). */
export interface ScopeResolvers {
  scoped: (deps: PlanScopeDeps, planId: string) => Promise<PlanScope>;
  alias: (deps: PlanScopeDeps) => Promise<PlanScope>;
}

/**
 * Serves `routes` under `/plans/:planId` for that plan and, as the alias of the current plan, at
 * their own paths; an unknown or draft plan is a 404 problem. Routes read their plan with
 * `c.get('planScope')`. The alias resolves the current plan only on the routes' own paths, so
 * other parts mounted beside these pay nothing for it. `routes` must be complete when passed: Hono
 * copies a sub-app's routes when it is mounted.
 */
export function planScoped<E extends PlanScopedEnv>(
  deps: PlanScopeDeps,
  routes: Hono<E>,
  resolve: ScopeResolvers = { scoped: scopeOf, alias: currentScope },
): Hono<E> {
  const scoped: MiddlewareHandler<PlanScopedEnv> = async (c, next) => {
    c.set('planScope', await resolve.scoped(deps, c.req.param('planId') ?? ''));
    await next();
  };
  const alias: MiddlewareHandler<PlanScopedEnv> = async (c, next) => {
    // A route's pattern (`/:kind/:id`) may match a scoped address too; the scoped plan stands.
    if (!(c.get('planScope') as PlanScope | undefined)) c.set('planScope', await resolve.alias(deps));
    await next();
  };
  const app = new Hono<E>();
  // Both only on the routes' own paths: several scoped parts are mounted side by side (the open
  // data pages, the citizen pages), and one must not answer for the other's addresses.
  for (const path of new Set(routes.routes.filter((r) => r.method !== 'ALL').map((r) => r.path))) {
    app.use(path === '/' ? '/plans/:planId' : `/plans/:planId${path}`, scoped);
    app.use(path, alias);
  }
  return app.route('/plans/:planId', routes).route('/', routes);
}
