import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { newCase, type FollowUpCase } from '../../shared/cases/case.js';
import { workCalendar } from '../../shared/cases/working-days.js';
import { evaluationCsv } from '../../shared/evaluation/csv.js';
import { evaluatePlan, type EvaluationInput } from '../../shared/evaluation/evaluation.js';
import { evaluateIndicator, type IndicatorEvaluation } from '../../shared/evaluation/indicators.js';
import type { ProgressRevision } from '../../shared/plan/progress.js';
import type { ScopeSummary } from '../../shared/ratings/documents.js';
import { summarise, emptyTally } from '../../shared/ratings/statistics.js';
import { licheng14th, snapshotOf, syntheticObservations } from '../helpers/evaluation.js';

/**
 * The final evaluation of the 14th plan on synthetic values (tests/fixtures/evaluation/), against
 * expectations computed by hand, one kind of indicator at a time.
 */

const plan = licheng14th();
const observations = syntheticObservations();
const calendar = workCalendar();
const AFTER_THE_PERIOD = new Date('2026-06-01T02:00:00Z');

const progress: ProgressRevision[] = [
  {
    projectId: 'b04-enterprise-tech-and-engineering-research-centres',
    revision: 1,
    status: 'in_progress',
    progress: 40,
    note: 'synthetic',
    reason: 'first report',
    recordedAt: '2023-01-10T00:00:00.000Z',
    recordedBy: 'test',
  },
  {
    projectId: 'b04-enterprise-tech-and-engineering-research-centres',
    revision: 2,
    status: 'completed',
    progress: 100,
    note: 'synthetic',
    reason: 'done',
    recordedAt: '2025-11-10T00:00:00.000Z',
    recordedBy: 'test',
  },
  {
    projectId: 'b05-innovation-entity-cultivation',
    revision: 1,
    status: 'in_progress',
    progress: 70,
    note: 'synthetic',
    reason: 'first report',
    recordedAt: '2025-06-10T00:00:00.000Z',
    recordedBy: 'test',
  },
];

/** A 差评 case opened at `openedAt` (15 working days), with what happened to it since. */
function caseOpened(id: string, openedAt: string, changes: Partial<FollowUpCase> = {}): FollowUpCase {
  const opened = newCase(
    {
      feedback: { shard: 0, recordedAt: openedAt, feedbackId: id },
      voterId: 'v',
      planId: 'licheng-14th',
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 1,
    },
    new Date(openedAt),
    { deadlineDays: 15, calendar },
  );
  return { ...opened, ...changes };
}

const cases: FollowUpCase[] = [
  // Opened Monday 3 March 2025, due 15 working days later (24 March): answered on the 5th, on time.
  caseOpened('on-time', '2025-03-03T02:00:00.000Z', {
    status: 'closed',
    firstReplyAt: '2025-03-05T02:00:00.000Z',
    closedAt: '2025-03-20T02:00:00.000Z',
    satisfaction: 'satisfied',
  }),
  // Same deadline, answered in June: late.
  caseOpened('late', '2025-03-03T02:00:00.000Z', {
    status: 'replied',
    firstReplyAt: '2025-06-02T02:00:00.000Z',
    satisfaction: 'unsatisfied',
  }),
  // Never answered, long past its deadline.
  caseOpened('overdue', '2025-10-09T02:00:00.000Z'),
  // Opened four days before the evaluation is read: still within its deadline.
  caseOpened('within', '2026-05-28T02:00:00.000Z'),
  // Closed without a reply.
  caseOpened('closed-unanswered', '2025-04-01T02:00:00.000Z', {
    status: 'closed',
    closedAt: '2025-04-02T02:00:00.000Z',
  }),
];

/** The plan's all-time summary as the aggregation publishes it: 10 ratings, 6 of them 4 or 5. */
const planRatings: ScopeSummary = {
  scope: `plan#${plan.id}`,
  kind: 'plan',
  rank: null,
  ...summarise({ ...emptyTally(), histogram: [1, 1, 2, 3, 3] }, { minRatings: 5, prior: { mean: 3, weight: 5 } }),
};

const input: EvaluationInput = {
  snapshot: snapshotOf(plan, observations),
  progress,
  planRatings,
  cases,
  now: AFTER_THE_PERIOD,
  calendar,
};
const evaluation = evaluatePlan(input);
const row = (id: string): IndicatorEvaluation => {
  const found = evaluation.indicators.find((r) => r.indicatorId === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};

describe('the final evaluation of an indicator', () => {
  it('takes the current revision of the final year: GDP 2025 corrected from 640 to 660 is achieved, 10 亿元 beyond 650', () => {
    const gdp = row('gdp');
    expect(gdp.final).toEqual({ year: 2025, value: 660 });
    expect(gdp.finalIsTargetYear).toBe(true);
    expect(gdp.target).toEqual({ value: 650, year: 2025, implied: false, impliedByPercent: null, text: null });
    expect(gdp.verdict).toBe('achieved');
    expect(gdp.reason).toBe('target-met');
    expect(gdp.gap).toBeCloseTo(10, 9);
  });

  it('reports the growth rate beside a level target: (660/438.08)^(1/5) − 1 ≈ 8.54 % against ≥ 7 %', () => {
    expect(row('gdp').growthCheck).toEqual({
      requiredPercent: 7,
      observedPercent: expect.closeTo(8.54207, 4) as number,
      met: true,
    });
  });

  it('measures the 852 stretch goal as well: GDP 660 is 140 亿元 short of 800', () => {
    expect(row('gdp').stretch).toEqual({
      value: 800,
      raw: '800亿元',
      verdict: 'not_achieved',
      reason: 'not-met',
      gap: -140,
    });
  });

  it('says a level target missed by how much: GDP per capita 14.2 against 15 万元, 0.8 short', () => {
    const r = row('gdp-per-capita');
    expect(r.verdict).toBe('not_achieved');
    expect(r.status).toBe('needs_acceleration');
    expect(r.gap).toBeCloseTo(-0.8, 9);
  });

  it('compares a growth-rate-only target with its implied level: 20.24 · 1.1⁵ = 32.5967, so 33 is achieved by 0.4033', () => {
    const r = row('general-budget-revenue');
    expect(r.target).toMatchObject({ implied: true, impliedByPercent: 10 });
    expect(r.target.value).toBeCloseTo(32.5967224, 6);
    expect(r.verdict).toBe('achieved');
    expect(r.gap).toBeCloseTo(0.4032776, 6);
    expect(r.stretch).toMatchObject({ value: 50, verdict: 'not_achieved', gap: -17 });
  });

  it('misses an implied level by the difference: foreign investment 1800 against 1488 · 1.05⁵ = 1899.107', () => {
    const r = row('foreign-investment-utilised');
    expect(r.target).toMatchObject({ implied: true, value: expect.closeTo(1899.106965, 5) as number });
    expect(r.verdict).toBe('not_achieved');
    expect(r.gap).toBeCloseTo(-99.106965, 5);
  });

  it('judges a yearly rate by its period mean: (12 + 8 + 11 + 9 + 12) / 5 = 10.4 % meets the 10 % floor, 0.4 pp beyond; 2020 and 2026 do not count', () => {
    const r = row('fixed-asset-investment-growth');
    expect(r.method).toBe('annual-floor');
    expect(r.final).toEqual({ year: 2025, value: 12 });
    expect(r.periodMean).toBeCloseTo(10.4, 9);
    expect(r.target.value).toBe(10);
    expect(r.verdict).toBe('achieved');
    expect(r.gap).toBeCloseTo(0.4, 9);
  });

  it('does not measure a stretch goal that is another quantity: 固定投资额200亿元 beside a growth rate', () => {
    expect(row('fixed-asset-investment-growth').stretch).toMatchObject({
      value: 200,
      verdict: 'not_assessable',
      reason: 'different-quantity',
      gap: null,
    });
  });

  it('counts a share in percentage points: services 67.5 % against 68 % is 0.5 pp short; R&D 2.1 % against 2 % is 0.1 pp beyond', () => {
    expect(row('services-share-of-gdp')).toMatchObject({ method: 'percentage-point', verdict: 'not_achieved' });
    expect(row('services-share-of-gdp').gap).toBeCloseTo(-0.5, 9);
    expect(row('rd-spending-share-of-gdp')).toMatchObject({ method: 'percentage-point', verdict: 'achieved' });
    expect(row('rd-spending-share-of-gdp').gap).toBeCloseTo(0.1, 9);
  });

  it('counts a cumulative target from zero: 7600 new school places against 8000 is 400 short', () => {
    const r = row('new-school-places');
    expect(r.method).toBe('linear');
    expect(r.verdict).toBe('not_achieved');
    expect(r.gap).toBe(-400);
  });

  it('keeps a target met before the last year as achieved, and says the last year was not reported: retail sales 340 in 2024 ≥ 235.55 · 1.07⁵ = 330.37', () => {
    const r = row('retail-sales');
    expect(r.final).toEqual({ year: 2024, value: 340 });
    expect(r.finalIsTargetYear).toBe(false);
    expect(r.verdict).toBe('achieved');
    expect(r.gap).toBeCloseTo(340 - 330.3710602, 6);
  });

  it('judges an unmet target on the last value there is: tourist visits 900 in 2023, 300 short of 1200', () => {
    const r = row('tourist-visits');
    expect(r.final).toEqual({ year: 2023, value: 900 });
    expect(r.finalIsTargetYear).toBe(false);
    expect(r.verdict).toBe('not_achieved');
    expect(r.gap).toBe(-300);
  });

  it('shows a qualitative target as not assessable, with its wording and the value observed', () => {
    const r = row('industrial-energy-intensity-reduction');
    expect(r.verdict).toBe('not_assessable');
    expect(r.reason).toBe('qualitative-target');
    expect(r.final).toEqual({ year: 2025, value: 3.2 });
    expect(r.target).toEqual({
      value: null,
      year: 2025,
      implied: false,
      impliedByPercent: null,
      text: '完成市下达目标',
    });
    expect(r.gap).toBeNull();
  });

  it('says "no final value" when nothing was observed, and counts it as not assessable', () => {
    for (const id of ['hospital-beds-per-1000', 'forest-coverage']) {
      const r = row(id);
      expect(r.final).toBeNull();
      expect(r.verdict).toBe('not_assessable');
      expect(r.reason).toBe('no-final-value');
      expect(r.gap).toBeNull();
    }
  });

  it('does not invent a base: export value has one value and no baseline, so it is not assessable', () => {
    expect(row('export-value')).toMatchObject({ verdict: 'not_assessable', reason: 'no-base', final: { value: 50 } });
  });

  it('keeps a binding "maintain" target achieved while it holds: surface water compliance 100 % against 100 %, gap 0', () => {
    expect(row('surface-water-compliance')).toMatchObject({ attribute: 'binding', verdict: 'achieved', gap: 0 });
  });

  it('judges lower-is-better the other way round: PM2.5 has no target in the plan, and with one (0.018) 0.017 is achieved and 0.019 is not', () => {
    expect(row('pm25-concentration')).toMatchObject({
      direction: 'lower',
      verdict: 'not_assessable',
      reason: 'missing-target',
    });
    const pm25 = plan.indicators.find((i) => i.id === 'pm25-concentration')!;
    const withTarget = { ...pm25, target: { kind: 'number' as const, value: 0.018, raw: '0.018' } };
    const at = (value: number) =>
      evaluateIndicator(withTarget, [{ ...observations[0]!, indicatorId: pm25.id, year: 2025, value }]);
    expect(at(0.017).verdict).toBe('achieved');
    expect(at(0.017).gap).toBeCloseTo(0.001, 9);
    expect(at(0.019).verdict).toBe('not_achieved');
    expect(at(0.019).gap).toBeCloseTo(-0.001, 9);
  });
});

describe('the final evaluation of the plan', () => {
  it('counts achieved, not achieved and not assessable over all 31 indicators', () => {
    expect(evaluation.totals).toEqual({ total: 31, achieved: 6, not_achieved: 5, not_assessable: 20 });
  });

  it('counts them per category, in the plan order', () => {
    expect(evaluation.byCategory).toEqual([
      {
        category: '经济质效',
        nameEn: 'Economic quality and efficiency',
        counts: { total: 6, achieved: 3, not_achieved: 2, not_assessable: 1 },
      },
      {
        category: '创新驱动',
        nameEn: 'Innovation-driven development',
        counts: { total: 4, achieved: 1, not_achieved: 0, not_assessable: 3 },
      },
      {
        category: '开放发展',
        nameEn: 'Opening up',
        counts: { total: 3, achieved: 1, not_achieved: 1, not_assessable: 1 },
      },
      {
        category: '文化引领',
        nameEn: 'Cultural leadership',
        counts: { total: 6, achieved: 0, not_achieved: 1, not_assessable: 5 },
      },
      {
        category: '民生福祉',
        nameEn: "People's well-being",
        counts: { total: 6, achieved: 0, not_achieved: 1, not_assessable: 5 },
      },
      {
        category: '生态文明',
        nameEn: 'Ecological civilisation',
        counts: { total: 6, achieved: 1, not_achieved: 0, not_assessable: 5 },
      },
    ]);
  });

  it('counts binding and expected indicators apart', () => {
    expect(evaluation.byAttribute).toEqual([
      { attribute: 'binding', counts: { total: 6, achieved: 1, not_achieved: 0, not_assessable: 5 } },
      { attribute: 'expected', counts: { total: 25, achieved: 5, not_achieved: 5, not_assessable: 15 } },
    ]);
  });

  it('counts the projects by their last reported status; a project nobody reported on stays unknown', () => {
    expect(evaluation.projects.byStatus).toEqual({ not_started: 0, in_progress: 1, completed: 1, unknown: 67 });
    expect(evaluation.projects.items[0]).toMatchObject({
      status: 'completed',
      progress: 100,
      reportedAt: '2025-11-10T00:00:00.000Z',
    });
  });

  it('sets the citizens’ satisfaction over the whole period beside it, with its Wilson interval', () => {
    const ratings = evaluation.citizens.ratings!;
    expect(ratings.count).toBe(10);
    expect(ratings.satisfaction?.share).toBeCloseTo(0.6, 9);
    // Wilson 95 %, 6 of 10: 0.3127 … 0.8318
    expect(ratings.satisfaction?.lower).toBeCloseTo(0.3127, 4);
    expect(ratings.satisfaction?.upper).toBeCloseTo(0.8318, 4);
  });

  it('says how the 差评 cases were handled: on time, late, open past or within the deadline', () => {
    expect(evaluation.citizens.cases).toEqual({
      cases: 5,
      answeredOnTime: 1,
      answeredLate: 1,
      openOverdue: 1,
      openWithinDeadline: 1,
      closedUnanswered: 1,
      satisfied: 1,
      unsatisfied: 1,
    });
  });

  it('has no citizens’ figures to show before anyone rated', () => {
    const none = evaluatePlan({ ...input, planRatings: null, cases: [] });
    expect(none.citizens.ratings).toBeNull();
    expect(none.citizens.cases.cases).toBe(0);
  });

  it('is provisional until the period has ended in China: 23:00 on 31 December 2025 CST still is, midnight is not', () => {
    expect(evaluation.provisional).toBe(false);
    expect(evaluatePlan({ ...input, now: new Date('2025-12-31T15:00:00Z') }).provisional).toBe(true);
    expect(evaluatePlan({ ...input, now: new Date('2025-12-31T16:00:00Z') }).provisional).toBe(false);
  });

  it('is final once the plan is closed, even before its last year has ended', () => {
    const closed = { ...input.snapshot, plan: { ...input.snapshot.plan, status: 'closed' as const } };
    expect(evaluatePlan({ ...input, snapshot: closed, now: new Date('2025-12-20T00:00:00Z') }).provisional).toBe(false);
  });
});

describe('the evaluation as CSV', () => {
  const csv = evaluationCsv(evaluation);
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

  it('has a header and one row per indicator, with the plan id on every row', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines).toHaveLength(32);
    expect(lines[0]).toMatch(/^plan_id,provisional,seq,indicator_id,/);
    expect(lines.slice(1).every((l) => l.startsWith('licheng-14th,false,'))).toBe(true);
  });

  it('writes a row the way the JSON says it, empty where there is nothing', () => {
    const records = parse<Record<string, string>>(csv, { bom: true, columns: true });
    const cells = (id: string) => records.find((r) => r.indicator_id === id);
    expect(cells('gdp')).toMatchObject({
      final_year: '2025',
      final_value: '660',
      verdict: 'achieved',
      gap: '10',
      stretch: '800',
      stretch_gap: '-140',
    });
    expect(cells('hospital-beds-per-1000')).toMatchObject({
      final_year: '',
      final_value: '',
      verdict: 'not_assessable',
      reason: 'no-final-value',
      gap: '',
    });
  });
});
