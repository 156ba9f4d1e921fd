import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { evaluationCsv } from '../../shared/evaluation/csv.js';
import { evaluatePlan } from '../../shared/evaluation/evaluation.js';
import { syntheticEvaluationInput } from '../helpers/evaluation.js';

/**
 * The final evaluation of the 14th plan as a whole on synthetic values (tests/fixtures/evaluation/):
 * its counts, projects and citizens' figures, when it is final, and its CSV.
 */

const input = syntheticEvaluationInput();
const evaluation = evaluatePlan(input);

describe('the final evaluation of the plan', () => {
  it('counts achieved, not achieved and not assessable over all 31 indicators', () => {
    expect(evaluation.totals).toEqual(counts(31, 6, 5, 20));
  });

  /** Indicators in all, then achieved, not achieved and not assessable. */
  const counts = (total: number, achieved: number, not_achieved: number, not_assessable: number) => ({
    total,
    achieved,
    not_achieved,
    not_assessable,
  });

  it('counts them per category, in the plan order', () => {
    expect(evaluation.byCategory).toEqual([
      { category: '经济质效', nameEn: 'Economic quality and efficiency', counts: counts(6, 3, 2, 1) },
      { category: '创新驱动', nameEn: 'Innovation-driven development', counts: counts(4, 1, 0, 3) },
      { category: '开放发展', nameEn: 'Opening up', counts: counts(3, 1, 1, 1) },
      { category: '文化引领', nameEn: 'Cultural leadership', counts: counts(6, 0, 1, 5) },
      { category: '民生福祉', nameEn: "People's well-being", counts: counts(6, 0, 1, 5) },
      { category: '生态文明', nameEn: 'Ecological civilisation', counts: counts(6, 1, 0, 5) },
    ]);
  });

  it('counts binding and expected indicators apart', () => {
    expect(evaluation.byAttribute).toEqual([
      { attribute: 'binding', counts: counts(6, 1, 0, 5) },
      { attribute: 'expected', counts: counts(25, 5, 5, 15) },
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
