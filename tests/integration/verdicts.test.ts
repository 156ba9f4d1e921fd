import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { progressRepository } from '../../shared/store/progress-repository.js';
import { json, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';
import { testIdentity, TEST_ISSUER } from '../helpers/staff.js';
import { DEV_CLIENT_ID } from '../../functions/local/dev-identity.js';
import { hostedSignIn } from '../../shared/config.js';

const store = useStore();
let app: ReturnType<typeof testApp>['app'];
type Body = Record<string, any>;

const plan = readPlanFile();
const PROJECT = plan.projects[0]!.id;
const LATE_PROJECT = plan.projects[1]!.id;

/** Official 2023 values that put each indicator on one side (docs/status-method.md). */
const VALUES: Array<[string, number]> = [
  ['gdp', 560], // ratio ≈ 1.04: on track
  ['gdp-per-capita', 14], // on track
  ['tourism-revenue', 80], // far behind the path to 350
  ['tourist-visits', 560], // no change since 2020: limited progress
  ['hospital-beds-per-1000', 3.5],
];

/** Ratings in June 2025 (China time), one voter each: [kind, id, how many, level]. */
const RATINGS: Array<[string, string, number, number]> = [
  ['indicator', 'gdp', 20, 1], // on track, citizens dissatisfied: paper-progress
  ['indicator', 'gdp-per-capita', 20, 5], // agree-good
  ['indicator', 'tourism-revenue', 20, 5], // behind, citizens satisfied: quiet-success
  ['indicator', 'tourist-visits', 20, 2], // agree-bad
  ['indicator', 'hospital-beds-per-1000', 3, 1], // three ratings decide nothing
  ['indicator', 'export-value', 20, 5], // no baseline, no values: not assessable
  ['project', PROJECT, 12, 5], // reported completed: agree-good
  ['project', LATE_PROJECT, 12, 1], // reported not started: agree-bad
];

/** Comments of some voters, by target and voter number: published before the aggregation. */
const COMMENTS: Record<string, string> = {
  'gdp#0': '数字好看，身边的工作机会却没有变多',
  'gdp#1': '物价涨得比收入快',
  'tourism-revenue#0': '新开的步道很好走，周末人很多',
};
const SITE = 'http://localhost:3999';
let identity: Awaited<ReturnType<typeof testIdentity>>;
let monitor: string;

beforeAll(async () => {
  await loadPlan(store.current, plan);
  const plans = planRepository(store.current);
  for (const [indicatorId, value] of VALUES) {
    await plans.appendObservation(
      'licheng-14th',
      { indicatorId, year: 2023, value, recordedBy: 'test', reason: 'first report' },
      new Date('2024-03-01T00:00:00Z'),
    );
  }
  const progress = progressRepository(store.current);
  for (const [projectId, status, percent] of [
    [PROJECT, 'completed', 100],
    [LATE_PROJECT, 'not_started', 0],
  ] as const) {
    await progress.append(
      'licheng-14th',
      { projectId, status, progress: percent, note: 'reported', reason: 'first report', recordedBy: 'test' },
      new Date('2024-06-01T00:00:00Z'),
    );
  }
  let tick = 0;
  let deps;
  identity = await testIdentity();
  ({ app, deps } = testApp(store.current, {
    clock: () => new Date(Date.parse('2025-06-15T04:00:00Z') + tick++),
    minRatings: 10,
    staffAuth: identity.verifier,
    signIn: hostedSignIn(TEST_ISSUER, DEV_CLIENT_ID),
  }));
  const commented: string[] = [];
  for (const [targetType, targetId, count, rating] of RATINGS) {
    for (let i = 0; i < count; i++) {
      const comment = COMMENTS[`${targetId}#${i}`];
      const res = await app.request(
        '/api/v1/feedback',
        json({ targetType, targetId, rating, comment }, { 'X-Voter-Token': deps.voterTokens.issue().token }),
      );
      expect(res.status).toBe(201);
      if (comment) commented.push(((await res.json()) as { feedbackId: string }).feedbackId);
    }
  }
  // A monitor publishes the comments, as on the moderation page.
  monitor = `gp_staff=${await identity.token(['monitor'], { tokenUse: 'id', name: 'li.si' })}`;
  const body = new URLSearchParams({ action: 'publish' });
  for (const id of commented) body.append('ids', id);
  const published = await app.request(`${SITE}/staff/queue`, {
    method: 'POST',
    headers: { Cookie: monitor, Origin: SITE },
    body,
  });
  expect(published.status).toBe(303);
  const report = await aggregationJob(store.current, {
    minRatings: 10,
    settleSeconds: 0,
    maxBatch: 1000,
    verdictThresholds: { low: 0.5, high: 0.7 },
  })();
  expect(report.verdictPeriodsWritten).toBe(2); // all-time and 2025
}, 60_000);

const get = async (path: string) => {
  const res = await app.request(path);
  return { res, body: (await res.json()) as Body };
};
const regionOf = (body: Body, id: string) => body.verdicts.find((v: Body) => v.targetId === id)?.region;

describe('the verdicts the aggregation run computed, read from the API', () => {
  it('puts each target in its region and says why the undetermined ones are', async () => {
    const { res, body } = await get('/api/v1/verdicts');
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ planId: 'licheng-14th', period: 'all', published: true, minRatings: 10 });
    expect(body.thresholds).toEqual({ low: 0.5, high: 0.7 });
    expect(regionOf(body, 'gdp')).toBe('paper-progress');
    expect(regionOf(body, 'gdp-per-capita')).toBe('agree-good');
    expect(regionOf(body, 'tourism-revenue')).toBe('quiet-success');
    expect(regionOf(body, 'tourist-visits')).toBe('agree-bad');
    expect(regionOf(body, PROJECT)).toBe('agree-good');
    expect(regionOf(body, LATE_PROJECT)).toBe('agree-bad');
    const why = (id: string) => body.verdicts.find((v: Body) => v.targetId === id).reason;
    expect(why('hospital-beds-per-1000')).toBe('too-few-ratings');
    expect(why('export-value')).toBe('not-assessable');
    // Disagreements first.
    expect(body.verdicts.slice(0, 2).map((v: Body) => v.region)).toEqual(['paper-progress', 'quiet-success']);
    expect(body.counts).toMatchObject({ 'paper-progress': 1, 'quiet-success': 1, 'agree-bad': 2, 'agree-good': 2 });
    expect(body.periods).toEqual(['all', '2025']);
  });

  it('carries both verdicts with their numbers', async () => {
    const { body } = await get('/api/v1/verdicts');
    const gdp = body.verdicts.find((v: Body) => v.targetId === 'gdp');
    expect(gdp.official).toMatchObject({ status: 'on_track', standing: 'good', latest: { year: 2023, value: 560 } });
    expect(gdp.official.ratio).toBeCloseTo(1.039, 2);
    expect(gdp.official.expected).toBeCloseTo(555.1, 1);
    expect(gdp.citizens).toMatchObject({ count: 20, tooFew: false, standing: 'dissatisfied' });
    expect(gdp.citizens.satisfaction.upper).toBeLessThan(0.5);
  });

  it('answers the same under the plan’s own address, by year, and filtered', async () => {
    const scoped = await get('/api/v1/plans/licheng-14th/verdicts');
    expect(scoped.res.status).toBe(200);
    expect(regionOf(scoped.body, 'gdp')).toBe('paper-progress');
    const year = await get('/api/v1/plans/licheng-14th/verdicts?period=2025');
    expect(year.body.period).toBe('2025');
    expect(regionOf(year.body, 'tourism-revenue')).toBe('quiet-success');
    const filtered = await get('/api/v1/verdicts?category=projects');
    expect(filtered.body.verdicts.every((v: Body) => v.targetType === 'project')).toBe(true);
    expect(filtered.body.counts['paper-progress']).toBe(0);
    const region = await get('/api/v1/verdicts?region=quiet-success');
    expect(region.body.verdicts.map((v: Body) => v.targetId)).toEqual(['tourism-revenue']);
  });

  it('refuses what it cannot answer', async () => {
    expect((await app.request('/api/v1/verdicts?period=2019')).status).toBe(404);
    expect((await app.request('/api/v1/verdicts?period=2025-06')).status).toBe(400);
    expect((await app.request('/api/v1/verdicts?region=maybe')).status).toBe(400);
    expect((await app.request('/api/v1/plans/no-such-plan/verdicts')).status).toBe(404);
  });

  it('publishes the same classification as open data, every period', async () => {
    const csv = await (await app.request('/api/v1/open-data/verdicts.csv')).text();
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/^plan_id,period,target_type,target_id,name_zh,category,official_status,official_standing,/);
    expect(header).toContain(',region,undetermined_reason,');
    const gdp = lines.filter((line) => line.includes(',indicator,gdp,'));
    expect(gdp.map((line) => line.split(',')[1])).toEqual(['all', '2025']);
    expect(gdp[0]).toContain(',on_track,good,');
    expect(gdp[0]).toContain(',dissatisfied,paper-progress,');
    const json = (await (await app.request('/api/v1/open-data/verdicts.json')).json()) as Body;
    const tourism = json.rows.find((r: Body) => r.target_id === 'tourism-revenue' && r.period === 'all');
    expect(tourism).toMatchObject({ region: 'quiet-success', official_standing: 'behind', rating_count: 20 });
    expect(tourism.satisfaction_lower).toBeGreaterThanOrEqual(0.7);
  });

  it('shows them on the page, as a table and a chart whose points link to their targets', async () => {
    const res = await app.request('/verdicts', { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<tr class="verdict-row verdict-row--paper-progress" data-target="indicator:gdp">/);
    expect(html).toContain('<svg class="verdict-chart__svg"');
    expect(html).toContain('href="/indicators/tourism-revenue"');
    const scoped = await (
      await app.request('/plans/licheng-14th/verdicts?category=projects&period=2025', {
        headers: { 'Accept-Language': 'zh-CN' },
      })
    ).text();
    expect(scoped).toContain(`data-target="project:${PROJECT}"`);
    expect(scoped).not.toContain('data-target="indicator:gdp"');
    expect(scoped).toContain(`href="/plans/licheng-14th/projects/${PROJECT}"`);
    expect(scoped).toContain('一致：进展良好');
  });

  it('says on an indicator’s page which region it is in and why', async () => {
    const html = await (await app.request('/indicators/gdp', { headers: { 'Accept-Language': 'en' } })).text();
    expect(html).toContain('class="verdict-line verdict-line--paper-progress"');
    expect(html).toMatch(/Paper progress: officially “On track”, citizens dissatisfied/i);
    // Year by year: the official value against the path, and each year's satisfaction.
    const trend = html.slice(html.indexOf('id="verdict-trend-heading"'));
    expect(trend).toMatch(/<th scope="row">2023<\/th><td>560<\/td><td>555\.1\d?<\/td><td>—<\/td><td>0<\/td>/);
    expect(trend).toMatch(
      /<th scope="row">2025<\/th><td>—<\/td><td>650<\/td><td>0\.0% \(0\.0%–16\.1%\)<\/td><td>20<\/td>/,
    );
    const few = await (
      await app.request('/indicators/hospital-beds-per-1000', { headers: { 'Accept-Language': 'en' } })
    ).text();
    expect(few).toContain('Undetermined: too few ratings.');
  });

  it('lists paper progress, then quiet success, first on the monitors’ dashboard, with the comments that explain them', async () => {
    const res = await app.request(`${SITE}/staff`, { headers: { Cookie: `${monitor}; lang=zh-CN` } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const section = html.slice(
      html.indexOf('id="disagreements"'),
      html.indexOf('</section>', html.indexOf('id="disagreements"')),
    );
    expect([...section.matchAll(/data-target="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'indicator:gdp',
      'indicator:tourism-revenue',
    ]);
    expect(section).toContain('物价涨得比收入快');
    // The plan's own pages, not the unscoped ones, which show whichever plan is current.
    expect(section).toContain('href="/plans/licheng-14th/indicators/gdp"');
    expect(section).toContain('href="/plans/licheng-14th/verdicts"');
    expect(section).toContain('最近 2 条公开留言中差评 2 条（100.0%）');
    expect(section).toContain('最近 1 条公开留言中差评 0 条（0.0%）');
    // Before the least-satisfied list and the ranking.
    expect(html.indexOf('id="disagreements"')).toBeLessThan(html.indexOf('id="ranking"'));
  });

  it('writes nothing again when nothing changed', async () => {
    const again = await aggregationJob(store.current, {
      minRatings: 10,
      settleSeconds: 0,
      maxBatch: 1000,
      verdictThresholds: { low: 0.5, high: 0.7 },
    })();
    expect(again.verdictPeriodsWritten).toBe(0);
  });
});
