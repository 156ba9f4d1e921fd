import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readBuiltInPlan, parsePlan } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { json, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * Two plans in one table, as a district has them once the next plan is loaded: the 14th plan
 * (2021–2025) and a small sample 15th plan (2026–2030) that reuses the target id `gdp`. Today
 * (the test's clock, 2026) the 15th is in force, so the unscoped addresses answer for it.
 */
const store = useStore();
const fourteenth = readBuiltInPlan();
const fifteenth = parsePlan(JSON.parse(readFileSync('tests/fixtures/plans/sample-15th.json', 'utf8')));
const NOW = new Date('2026-06-01T02:00:00Z');
let app: ReturnType<typeof testApp>['app'];

beforeAll(async () => {
  await loadPlan(store.current, fourteenth);
  await loadPlan(store.current, fifteenth);
  ({ app } = testApp(store.current, { clock: () => NOW }));
});

const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe('several plans on one site', () => {
  it('lists the public plans, the current one (in force this year) first', async () => {
    const { status, body } = await get('/api/v1/plans');
    expect(status).toBe(200);
    expect(body.current).toBe(fifteenth.id);
    expect(body.items.map((p: { id: string; current: boolean }) => [p.id, p.current])).toEqual([
      [fifteenth.id, true],
      [fourteenth.id, false],
    ]);
  });

  it('serves each plan under /plans/{planId}, and the current plan at the unscoped paths', async () => {
    expect((await get(`/api/v1/plans/${fourteenth.id}/plan`)).body.id).toBe(fourteenth.id);
    expect((await get(`/api/v1/plans/${fifteenth.id}/plan`)).body.id).toBe(fifteenth.id);
    expect((await get('/api/v1/plan')).body.id).toBe(fifteenth.id);
    const old = await get(`/api/v1/plans/${fourteenth.id}/indicators`);
    const current = await get('/api/v1/indicators');
    expect(old.body.count).toBe(fourteenth.indicators.length);
    expect(current.body.count).toBe(fifteenth.indicators.length);
    // The same id names a different indicator in each plan.
    expect((await get(`/api/v1/plans/${fourteenth.id}/indicators/gdp`)).body.nameEn).toBe(
      fourteenth.indicators.find((i) => i.id === 'gdp')!.nameEn,
    );
    expect((await get('/api/v1/indicators/gdp')).body.nameEn).toBe('Gross domestic product (sample)');
  });

  it('answers an unknown plan with a 404 problem', async () => {
    const { status, body } = await get('/api/v1/plans/licheng-99th/indicators');
    expect(status).toBe(404);
    expect(body.type).toBe('urn:gongping:problem:not-found');
  });

  it('counts a rating of the same target id in each plan apart: ballots, summaries, series and open data', async () => {
    const voter = { 'X-Voter-Token': testApp(store.current).deps.voterTokens.issue().token };
    const inFourteenth = await app.request(
      `/api/v1/plans/${fourteenth.id}/feedback`,
      json({ targetType: 'indicator', targetId: 'gdp', rating: 5 }, voter),
    );
    const inCurrent = await app.request(
      '/api/v1/feedback',
      json({ targetType: 'indicator', targetId: 'gdp', rating: 1 }, voter),
    );
    expect(inFourteenth.status).toBe(201);
    expect(inCurrent.status).toBe(201);
    // One rating per voter, target of a plan and year: the second is not a change of the first.
    expect(await inFourteenth.json()).toMatchObject({ planId: fourteenth.id, replaced: false });
    expect(await inCurrent.json()).toMatchObject({ planId: fifteenth.id, replaced: false });
    expect(inFourteenth.headers.get('location')).toMatch(`/api/v1/plans/${fourteenth.id}/me/feedback?`);

    const mine = await app.request(`/api/v1/plans/${fourteenth.id}/me/feedback`, { headers: voter });
    expect(((await mine.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ planId: fourteenth.id, targetId: 'gdp', rating: 5 }),
    ]);

    await aggregationJob(store.current, { minRatings: 1, settleSeconds: 0, maxBatch: 1000 })();
    const old = await get(`/api/v1/plans/${fourteenth.id}/indicators/gdp/ratings`);
    const current = await get('/api/v1/indicators/gdp/ratings');
    expect(old.body.summary.histogram).toEqual([0, 0, 0, 0, 1]);
    expect(current.body.summary.histogram).toEqual([1, 0, 0, 0, 0]);
    // Each plan's overall summary and ranking hold its own ratings only.
    const ranking = await get(`/api/v1/plans/${fifteenth.id}/ratings`);
    expect(ranking.body.plan.count).toBe(1);
    expect(ranking.body.ranking.map((s: { scope: string }) => s.scope)).toEqual(['indicator#gdp']);
    const series = await get(`/api/v1/plans/${fourteenth.id}/ratings/series?target=plan&granularity=year`);
    expect(series.body.points).toEqual([expect.objectContaining({ period: '2026', count: 1, mean: 5 })]);

    const rows = (await get(`/api/v1/plans/${fourteenth.id}/open-data/ratings.json`)).body.rows as Array<
      Record<string, unknown>
    >;
    expect(new Set(rows.map((r) => r.plan_id))).toEqual(new Set([fourteenth.id]));
    expect(rows.find((r) => r.period === 'all' && r.scope === 'indicator#gdp')).toMatchObject({ count: 1 });
    const csv = await (await app.request('/api/v1/open-data/ratings.csv')).text();
    const csvRows = parse<Record<string, string>>(csv, { bom: true, columns: true });
    expect(new Set(csvRows.map((r) => r.plan_id))).toEqual(new Set([fifteenth.id]));
  });

  it('serves each plan its own feed, linking to that plan’s pages', async () => {
    const res = await app.request(`https://gongping.example.org/api/v1/plans/${fourteenth.id}/feeds/plan.atom`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`href="https://gongping.example.org/api/v1/plans/${fourteenth.id}/feeds/plan.atom"`);
    expect(xml).toContain(`<id>tag:gongping.example.org,2026:${fourteenth.id}/feeds/plan</id>`);
    expect(xml).toContain(`<title>${fourteenth.titleZh}：进展动态`);
    const current = await (await app.request('https://gongping.example.org/api/v1/feeds/plan.atom')).text();
    expect(current).toContain(`href="https://gongping.example.org/api/v1/plans/${fifteenth.id}/feeds/plan.atom"`);
  });

  it('keeps a closed plan readable and refuses new ratings of it with a problem', async () => {
    const plans = planRepository(store.current);
    await plans.setStatus(fourteenth.id, 'published', 'closed');
    try {
      const closedApp = testApp(store.current, { clock: () => NOW }).app;
      const res = await closedApp.request(
        `/api/v1/plans/${fourteenth.id}/feedback`,
        json({ targetType: 'indicator', targetId: 'gdp', rating: 3 }),
      );
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ type: 'urn:gongping:problem:invalid-state', planStatus: 'closed' });
      expect((await closedApp.request(`/api/v1/plans/${fourteenth.id}/indicators/gdp`)).status).toBe(200);
    } finally {
      await plans.setStatus(fourteenth.id, 'closed', 'published');
    }
  });

  it('hides a draft plan from citizens: not listed, not served', async () => {
    const draft = { ...fifteenth, id: 'sample-16th', periodStart: 2031, periodEnd: 2035 };
    await loadPlan(store.current, draft, { status: 'draft' });
    const draftApp = testApp(store.current, { clock: () => NOW }).app;
    const list = (await (await draftApp.request('/api/v1/plans')).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((p) => p.id)).not.toContain('sample-16th');
    expect((await draftApp.request('/api/v1/plans/sample-16th/plan')).status).toBe(404);
  });
});
