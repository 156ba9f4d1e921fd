import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono/tiny';
import { loadPlan as readBuiltInPlan, parsePlan } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { planScoped, type PlanScopeDeps, type PlanScopedEnv } from '../../shared/http/plan-scope.js';
import { problemAnswer, problemFor } from '../../shared/http/problem.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
const sample = parsePlan(JSON.parse(readFileSync('tests/fixtures/plans/sample-15th.json', 'utf8')));

beforeAll(async () => {
  await loadPlan(store.current, readBuiltInPlan());
  await loadPlan(store.current, sample);
});

function app(deps: Partial<PlanScopeDeps> = {}) {
  const routes = new Hono<PlanScopedEnv>().get('/whose', (c) => {
    const { plan, base } = c.get('planScope');
    return c.json({ plan: plan.id, base });
  });
  const scope: PlanScopeDeps = {
    plans: planRepository(store.current),
    currentPlanId: null,
    clock: () => new Date('2027-05-01T00:00:00Z'),
    ...deps,
  };
  return new Hono()
    .route('/', planScoped(scope, routes))
    .get('/elsewhere', (c) => c.text('not plan-scoped'))
    .onError((error, c) => problemAnswer(c, problemFor(error)));
}

const read = async (hono: Hono, path: string) => {
  const res = await hono.request(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('plan-scoped routes', () => {
  it('lists every loaded plan from the registry in one query', async () => {
    const ids = (await planRepository(store.current).listPlans()).map((p) => p.id).sort();
    expect(ids).toEqual(['licheng-14th', 'sample-15th']);
  });

  it('serve each plan under /plans/{planId} with that prefix as the base', async () => {
    expect(await read(app(), '/plans/licheng-14th/whose')).toEqual({
      status: 200,
      body: { plan: 'licheng-14th', base: '/plans/licheng-14th' },
    });
    expect((await read(app(), '/plans/sample-15th/whose')).body).toEqual({
      plan: 'sample-15th',
      base: '/plans/sample-15th',
    });
  });

  it('serve the current plan (in force this year, or configured) at the unscoped path', async () => {
    expect(await read(app(), '/whose')).toEqual({ status: 200, body: { plan: 'sample-15th', base: '' } });
    expect((await read(app({ clock: () => new Date('2023-01-01T00:00:00Z') }), '/whose')).body.plan).toBe(
      'licheng-14th',
    );
    expect((await read(app({ currentPlanId: 'licheng-14th' }), '/whose')).body.plan).toBe('licheng-14th');
  });

  it('answer an unknown plan, or an id that could not be one, with a 404 problem', async () => {
    for (const path of ['/plans/no-such-plan/whose', '/plans/BAD%20ID/whose']) {
      const { status, body } = await read(app(), path);
      expect(status).toBe(404);
      expect(body.type).toBe('urn:gongping:problem:not-found');
    }
  });

  it('leave the paths they do not serve to the rest of the app', async () => {
    const res = await app({
      plans: { ...planRepository(store.current), listPlans: () => Promise.reject(new Error('read')) },
    }).request('/elsewhere');
    expect(await res.text()).toBe('not plan-scoped');
  });
});
