import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanEvaluation } from '../../shared/evaluation/evaluation.js';
import { parsePlan } from '../../shared/plan/load.js';
import { aggregate } from '../../shared/ratings/aggregate.js';
import { targetIndexOf } from '../../shared/ratings/target-index.js';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { json, testApp } from '../helpers/api.js';
import { licheng14th, syntheticObservations } from '../helpers/evaluation.js';
import { useStore } from '../helpers/store.js';

/**
 * GET /api/v1/plans/{planId}/evaluation on dynalite: the 14th plan with the synthetic values of
 * tests/fixtures/evaluation/ and a few ratings, the small 2026–2030 sample plan beside it.
 */

const store = useStore();
const plan = licheng14th();
const sample = parsePlan(
  JSON.parse(readFileSync(new URL('../fixtures/plans/sample-15th.json', import.meta.url), 'utf8')),
);
let app: ReturnType<typeof testApp>['app'];

beforeAll(async () => {
  await loadPlan(store.current, plan);
  await loadPlan(store.current, sample);
  const plans = planRepository(store.current);
  // Revisions in their order, so the store numbers them as the fixture does.
  for (const o of syntheticObservations().sort((a, b) => a.revision - b.revision)) {
    const { indicatorId, year, value, recordedBy, reason, source } = o;
    await plans.appendObservation(
      plan.id,
      { indicatorId, year, value, recordedBy, reason, ...(source ? { source } : {}) },
      new Date(o.recordedAt),
    );
  }
  let tick = 0;
  const testing = testApp(store.current, {
    clock: () => new Date(Date.parse('2026-05-20T04:00:00Z') + 1000 * tick++),
    currentPlanId: plan.id,
    minRatings: 2,
  });
  app = testing.app;
  // Three ratings of the 14th plan: two satisfied, one 差评 with a comment, which opens a case.
  for (const [rating, comment] of [
    [5, null],
    [4, null],
    [1, '数据迟迟不公布'],
  ] as const) {
    const issued = testing.deps.voterTokens.issue();
    const res = await app.request(
      '/api/v1/feedback',
      json(
        { targetType: 'indicator', targetId: 'gdp', rating, ...(comment ? { comment } : {}) },
        { 'X-Voter-Token': issued.token },
      ),
    );
    expect(res.status).toBe(201);
  }
  const snapshot = (await plans.snapshot(plan.id))!;
  await aggregate({
    repo: aggregationRepository(store.current),
    targets: () => Promise.resolve(targetIndexOf(snapshot)),
    clock: () => new Date('2026-05-21T00:00:00Z'),
    settleMs: 0,
    maxBatch: 1000,
    minRatings: 2,
  });
});

const get = (path: string) => app.request(path);

describe('the final evaluation API', () => {
  it('answers the 14th plan’s evaluation as JSON: verdicts, counts, projects, citizens', async () => {
    const res = await get('/api/v1/plans/licheng-14th/evaluation');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as PlanEvaluation;
    expect(body).toMatchObject({ planId: 'licheng-14th', periodEnd: 2025, provisional: false });
    expect(body.totals).toEqual({ total: 31, achieved: 6, not_achieved: 5, not_assessable: 20 });
    expect(body.indicators.find((r) => r.indicatorId === 'gdp')).toMatchObject({
      final: { year: 2025, value: 660 },
      verdict: 'achieved',
      gap: 10,
      stretch: { value: 800, verdict: 'not_achieved', gap: -140 },
    });
    expect(body.projects.byStatus.unknown).toBe(69);
    expect(body.citizens.ratings).toMatchObject({ count: 3, satisfaction: { share: 2 / 3 } });
    expect(body.citizens.cases).toMatchObject({ cases: 1, openWithinDeadline: 1, answeredOnTime: 0 });
  });

  it('answers the same rows as CSV, at .csv and with ?format=csv', async () => {
    const jsonBody = (await (await get('/api/v1/plans/licheng-14th/evaluation')).json()) as PlanEvaluation;
    for (const path of [
      '/api/v1/plans/licheng-14th/evaluation.csv',
      '/api/v1/plans/licheng-14th/evaluation?format=csv',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="licheng-14th-evaluation.csv"');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse<Record<string, string>>(new TextDecoder().decode(bytes), { bom: true, columns: true });
      expect(rows.map((r) => r.indicator_id)).toEqual(jsonBody.indicators.map((r) => r.indicatorId));
      for (const row of rows) {
        const same = jsonBody.indicators.find((r) => r.indicatorId === row.indicator_id)!;
        expect(row.verdict).toBe(same.verdict);
        expect(row.final_value).toBe(same.final ? String(same.final.value) : '');
        expect(row.gap).toBe(same.gap === null ? '' : String(same.gap));
      }
    }
  });

  it('answers for the current plan at the unscoped address too', async () => {
    const scoped = (await (await get('/api/v1/plans/licheng-14th/evaluation')).json()) as PlanEvaluation;
    const alias = (await (await get('/api/v1/evaluation')).json()) as PlanEvaluation;
    expect({ ...alias, asOf: null }).toEqual({ ...scoped, asOf: null });
  });

  it('evaluates a plan still in its period as provisional, on its own values only', async () => {
    const res = await get('/api/v1/plans/sample-15th/evaluation');
    expect(res.status).toBe(200);
    const body = (await res.json()) as PlanEvaluation;
    expect(body).toMatchObject({ planId: 'sample-15th', provisional: true, periodEnd: 2030 });
    expect(body.totals.total).toBe(6);
    expect(body.indicators.every((r) => r.final === null && r.reason === 'no-final-value')).toBe(true);
    // The 14th plan's gdp case and ratings are not the sample plan's.
    expect(body.citizens.ratings).toBeNull();
  });

  it('shows the same evaluation as a page in both languages, provisional or not', async () => {
    const zh = await get('/plans/licheng-14th/evaluation');
    expect(zh.status).toBe(200);
    const html = await zh.text();
    expect(html).toContain('规划终期评估');
    expect(html.match(/class="evaluation__row /g)).toHaveLength(31);
    expect(html).toContain('无最终值');
    expect(html).not.toContain('notice--provisional');
    const en = await app.request('/plans/sample-15th/evaluation', { headers: { 'Accept-Language': 'en' } });
    const enHtml = await en.text();
    expect(enHtml).toContain('Final evaluation of the plan');
    expect(enHtml).toContain('notice--provisional');
    expect((await get('/plans/no-such-plan/evaluation')).status).toBe(404);
  });

  it('refuses an unknown plan (404) and an unknown format or parameter (400), as problems', async () => {
    const unknown = await get('/api/v1/plans/no-such-plan/evaluation');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await get('/api/v1/plans/licheng-14th/evaluation?format=xml')).status).toBe(400);
    expect((await get('/api/v1/plans/licheng-14th/evaluation.csv?format=csv')).status).toBe(400);
  });
});
