import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
const plan = readPlanFile();
let app: ReturnType<typeof testApp>['app'];

beforeAll(async () => {
  await loadPlan(store.current, plan);
  app = testApp(store.current).app;
});

type Body = Record<string, any>;
const get = async (path: string) => {
  const res = await app.request(path);
  return { res, body: (await res.json()) as Body };
};

describe('GET /api/v1/plan', () => {
  it('answers the title, period, categories and counts of the loaded plan', async () => {
    const { res, body } = await get('/api/v1/plan');
    expect(res.status).toBe(200);
    expect(body.titleZh).toBe(plan.titleZh);
    expect([body.periodStart, body.periodEnd]).toEqual([2021, 2025]);
    // The categories of the plan file, in its order (tests/unit/plan-indicators.test.ts names them).
    expect(body.categories.map((c: { id: string }) => c.id)).toEqual(plan.categories.map((c) => c.id));
    expect(body.categories).toHaveLength(6);
    expect(body.categories.map((c: { indicators: number }) => c.indicators)).toEqual([6, 4, 3, 6, 6, 6]);
    expect(body.counts).toMatchObject({
      indicators: 31,
      binding: 6,
      expected: 25,
      historyRows: 36,
      projects: plan.projects.length,
    });
    expect(body.contentHash).toBeUndefined();
  });
});

describe('GET /api/v1/indicators', () => {
  it('lists all 31 indicators, each with a computed status and the numbers behind it', async () => {
    const { body } = await get('/api/v1/indicators');
    expect(body.count).toBe(31);
    for (const indicator of body.items) {
      expect(indicator.progress.status).toMatch(
        /^(achieved|on_track|needs_acceleration|limited_progress|deteriorating|not_assessable)$/,
      );
      expect(indicator.progress).toHaveProperty('reason');
    }
  });

  it('filters by category, attribute and status together', async () => {
    const { body } = await get(`/api/v1/indicators?category=${encodeURIComponent('生态文明')}&attribute=binding`);
    expect(body.items.map((i: { seq: number }) => i.seq)).toEqual([26, 27, 28, 29, 30, 31]);
    const none = await get('/api/v1/indicators?attribute=binding&category=%E7%BB%8F%E6%B5%8E%E8%B4%A8%E6%95%88');
    expect(none.body.count).toBe(0);
  });

  it('refuses unknown filters and unknown filter values with a problem document', async () => {
    for (const query of ['?colour=red', '?category=nonsense', '?status=great', '?attribute=']) {
      const res = await app.request(`/api/v1/indicators${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { type: string }).type).toBe('urn:gongping:problem:validation-failed');
    }
  });
});

describe('GET /api/v1/indicators/{id}', () => {
  it('answers the indicator with its previous plan’s results and their years, and no status until a year after the baseline is published', async () => {
    const { res, body } = await get('/api/v1/indicators/gdp');
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ id: 'gdp', nameZh: '地区生产总值', unit: '亿元', attribute: 'expected' });
    expect(body.historyRows.map((h: { id: string }) => h.id)).toEqual(body.history);
    expect(body.historyRows[0]).toMatchObject({
      baselineYear: 2015,
      targetYear: 2020,
      actual: { kind: 'number', value: 438.08 },
    });
    expect(body.progress.status).toBe('not_assessable');
  });

  it('computes the status from the current revision of each published year, and keeps every revision', async () => {
    const plans = planRepository(store.current);
    const at = new Date('2024-03-01T00:00:00Z');
    await plans.appendObservation(
      plan.id,
      { indicatorId: 'gdp', year: 2022, value: 470, recordedBy: 'stats-office', reason: 'preliminary' },
      at,
    );
    await plans.appendObservation(
      plan.id,
      { indicatorId: 'gdp', year: 2023, value: 520, recordedBy: 'stats-office', reason: 'preliminary' },
      at,
    );
    // The 2023 figure is corrected upwards: 438.08 → 560 in three years is about 8.5% a year,
    // above the 8.2% that 650 in 2025 requires.
    await plans.appendObservation(
      plan.id,
      { indicatorId: 'gdp', year: 2023, value: 560, recordedBy: 'stats-office', reason: 'final figure' },
      at,
    );

    const { body } = await get('/api/v1/indicators/gdp');
    expect(body.observations.map((o: { year: number; value: number }) => [o.year, o.value])).toEqual([
      [2022, 470],
      [2023, 560],
    ]);
    expect(body.revisions).toHaveLength(3);
    expect(body.latest).toEqual({ year: 2023, value: 560 });
    expect(body.progress.status).toBe('on_track');
    expect(body.progress.required).toBeCloseTo((650 / 438.08) ** (1 / 5) - 1, 6);
    expect(body.progress.observed).toBeCloseTo((560 / 438.08) ** (1 / 3) - 1, 6);

    const list = await get('/api/v1/indicators?status=on_track');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain('gdp');
  });

  it('answers 404 problems for unknown and malformed ids', async () => {
    for (const id of ['no-such-indicator', 'GDP', '..%2F..%2Fetc', 'a'.repeat(200)]) {
      const res = await app.request(`/api/v1/indicators/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('GET /api/v1/projects', () => {
  it('lists the trackable projects and filters them by box', async () => {
    const { body } = await get('/api/v1/projects');
    expect(body.count).toBe(plan.projects.length);
    const box20 = await get('/api/v1/projects?box=20');
    expect(box20.body.count).toBeGreaterThan(0);
    expect(box20.body.items.every((p: { box: number }) => p.box === 20)).toBe(true);
  });

  it('answers one project by id, and 404 for an unknown one', async () => {
    const id = plan.projects[0]!.id;
    const { res, body } = await get(`/api/v1/projects/${id}`);
    expect(res.status).toBe(200);
    expect(body.titleZh).toBe(plan.projects[0]!.titleZh);
    expect((await app.request('/api/v1/projects/b99-nothing')).status).toBe(404);
  });
});

describe('GET /api/v1/health', () => {
  it('reports ok when the store answers and the plan is loaded', async () => {
    const { res, body } = await get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', plan: 'licheng-14th' });
  });

  it('reports 503 when no plan has been published', async () => {
    const plans = planRepository(store.current);
    const other = testApp(store.current, { plans: { ...plans, listPlans: () => Promise.resolve([]) } }).app;
    const res = await other.request('/api/v1/health');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('unknown routes', () => {
  it('answer a 404 problem document, never HTML', async () => {
    const res = await app.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: 'urn:gongping:problem:not-found', status: 404 });
  });
});
