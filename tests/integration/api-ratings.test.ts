import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { PUBLIC_CACHE_CONTROL } from '../../shared/http/caching.js';
import { json, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
type Body = Record<string, any>;

// Ratings of two indicators and one project by distinct voters, in June 2025 (China time).
const SUBMISSIONS: Array<[string, string, number]> = [
  ...[5, 5, 4, 4, 4, 3, 2, 5, 4, 4, 5, 1].map((r): [string, string, number] => ['indicator', 'gdp', r]),
  ...[1, 2, 2, 1, 3].map((r): [string, string, number] => ['indicator', 'pm25-concentration', r]),
  ...[5, 5, 5].map((r): [string, string, number] => ['project', readPlanFile().projects[0]!.id, r]),
];

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  // Time moves on between requests, as it does: the aggregation reads the log in time order.
  let tick = 0;
  ({ app, deps } = testApp(store.current, {
    clock: () => new Date(Date.parse('2025-06-15T04:00:00Z') + tick++),
    minRatings: 10,
  }));
  for (const [targetType, targetId, rating] of SUBMISSIONS) {
    const res = await app.request(
      '/api/v1/feedback',
      json({ targetType, targetId, rating }, { 'X-Voter-Token': deps.voterTokens.issue().token }),
    );
    expect(res.status).toBe(201);
  }
  await aggregationJob(store.current, { minRatings: 10, settleSeconds: 0, maxBatch: 1000 })();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers });
  return { res, body: res.status === 200 ? ((await res.json()) as Body) : null };
};

describe('GET /api/v1/{indicators|projects}/{id}/ratings', () => {
  it('answers the published summary of a target with its sample size, intervals and Bayesian mean', async () => {
    const { res, body } = await get('/api/v1/indicators/gdp/ratings');
    expect(res.status).toBe(200);
    const s = body!.summary;
    expect(s.count).toBe(12);
    expect(s.histogram).toEqual([1, 1, 1, 5, 4]);
    expect(s.mean).toBeCloseTo(46 / 12, 10);
    expect(s.satisfaction.share).toBeCloseTo(9 / 12, 10);
    expect(s.satisfaction.lower).toBeLessThan(0.75);
    expect(s.dissatisfaction.share).toBeCloseTo(2 / 12, 10);
    // Prior: the plan-wide mean of the period (all 20 ratings), weighted as 10 ratings.
    const planMean = (46 + 9 + 15) / 20;
    expect(body!.prior).toEqual({ mean: planMean, weight: 10 });
    expect(s.bayesianMean).toBeCloseTo((10 * planMean + 46) / 22, 10);
    expect(s).toMatchObject({ tooFewToRank: false, rank: 1 });
  });

  it('flags a target with fewer ratings than the minimum as too few to rank, even when they are all 5', async () => {
    const { body } = await get(`/api/v1/projects/${readPlanFile().projects[0]!.id}/ratings?period=2025-06`);
    expect(body!.summary).toMatchObject({ count: 3, mean: 5, tooFewToRank: true, rank: null });
  });

  it('answers an honest zero for a target nobody rated, and 404 for one that does not exist', async () => {
    const { body } = await get('/api/v1/indicators/forest-coverage/ratings?period=2025');
    expect(body!.summary).toMatchObject({ count: 0, mean: null, satisfaction: null, rank: null, tooFewToRank: true });
    expect((await app.request('/api/v1/indicators/no-such/ratings')).status).toBe(404);
    expect((await app.request('/api/v1/indicators/gdp/ratings?period=2025-13')).status).toBe(400);
  });

  it('carries Cache-Control and an ETag, and answers 304 when the client holds the same version', async () => {
    const { res } = await get('/api/v1/indicators/gdp/ratings');
    expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    const tag = res.headers.get('etag')!;
    expect(tag).toMatch(/^"/);
    const again = await app.request('/api/v1/indicators/gdp/ratings', { headers: { 'If-None-Match': tag } });
    expect(again.status).toBe(304);
  });
});

describe('GET /api/v1/ratings', () => {
  it('ranks the targets of the plan by Bayesian mean, leaving those with too few ratings unranked', async () => {
    const { body } = await get('/api/v1/ratings?group=plan&period=2025');
    expect(body!.plan.count).toBe(20);
    expect(body!.ranking.map((t: Body) => [t.targetId, t.rank])).toEqual([
      ['gdp', 1],
      // Unranked, by sample size.
      ['pm25-concentration', null],
      [readPlanFile().projects[0]!.id, null],
    ]);
  });

  it('summarises every category, rated or not, and ranks the rated ones', async () => {
    const { body } = await get('/api/v1/ratings?group=category&period=all');
    const byCategory = Object.fromEntries(body!.categories.map((c: Body) => [c.category, c]));
    expect(Object.keys(byCategory).sort()).toEqual(
      ['projects', '创新驱动', '开放发展', '文化引领', '民生福祉', '生态文明', '经济质效'].sort(),
    );
    expect(byCategory['经济质效']).toMatchObject({ count: 12, rank: 1 });
    expect(byCategory['生态文明']).toMatchObject({ count: 5, tooFewToRank: true, rank: null });
    expect(byCategory['创新驱动']).toMatchObject({ count: 0 });
  });

  it('reports the change against the previous period', async () => {
    const { body } = await get('/api/v1/ratings?group=plan&period=2025-06');
    expect(body!.plan.change).toMatchObject({ count: 20, mean: null });
  });
});

describe('GET /api/v1/ratings/series', () => {
  it('answers the monthly series of a target for charts', async () => {
    const { body } = await get('/api/v1/ratings/series?target=indicator:gdp&granularity=month');
    expect(body!.points).toEqual([
      expect.objectContaining({ period: '2025-06', count: 12, histogram: [1, 1, 1, 5, 4] }),
    ]);
    const years = await get('/api/v1/ratings/series?target=category:经济质效&granularity=year');
    expect(years.body!.points.map((p: Body) => [p.period, p.count])).toEqual([['2025', 12]]);
    expect((await app.request('/api/v1/ratings/series?target=indicator:nope')).status).toBe(404);
    expect((await app.request('/api/v1/ratings/series?target=gdp')).status).toBe(400);
  });
});

describe('the indicator and project responses', () => {
  it('carry a short all-time rating summary', async () => {
    const { body } = await get('/api/v1/indicators/gdp');
    expect(body!.ratings).toMatchObject({ count: 12, rank: 1, tooFewToRank: false });
    const list = await get('/api/v1/indicators?category=%E7%94%9F%E6%80%81%E6%96%87%E6%98%8E');
    expect(list.body!.items.find((i: Body) => i.id === 'pm25-concentration').ratings).toMatchObject({
      count: 5,
      tooFewToRank: true,
    });
    const project = await get(`/api/v1/projects/${readPlanFile().projects[0]!.id}`);
    expect(project.body!.ratings.count).toBe(3);
  });

  it('show a new rating only after the next aggregation run', async () => {
    const before = (await get('/api/v1/indicators/forest-coverage')).body!.ratings.count;
    await app.request(
      '/api/v1/feedback',
      json(
        { targetType: 'indicator', targetId: 'forest-coverage', rating: 4 },
        { 'X-Voter-Token': deps.voterTokens.issue().token },
      ),
    );
    expect((await get('/api/v1/indicators/forest-coverage')).body!.ratings.count).toBe(before);
    await aggregationJob(store.current, { minRatings: 10, settleSeconds: 0, maxBatch: 1000 })();
    expect((await get('/api/v1/indicators/forest-coverage')).body!.ratings.count).toBe(before + 1);
  });
});
