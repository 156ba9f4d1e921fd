import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../shared/evaluation/evaluation.js';
import { evaluateIndicator, type IndicatorEvaluation } from '../../shared/evaluation/indicators.js';
import { syntheticEvaluationInput } from '../helpers/evaluation.js';

/**
 * The final evaluation of each indicator of the 14th plan on synthetic values
 * (tests/fixtures/evaluation/), against expectations computed by hand, one kind of indicator at a time.
 */

const input = syntheticEvaluationInput();
const { indicators, observations } = input.snapshot;
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
    const pm25 = indicators.find((i) => i.id === 'pm25-concentration')!;
    const withTarget = { ...pm25, target: { kind: 'number' as const, value: 0.018, raw: '0.018' } };
    const at = (value: number) =>
      evaluateIndicator(withTarget, [{ ...observations[0]!, indicatorId: pm25.id, year: 2025, value }]);
    expect(at(0.017).verdict).toBe('achieved');
    expect(at(0.017).gap).toBeCloseTo(0.001, 9);
    expect(at(0.019).verdict).toBe('not_achieved');
    expect(at(0.019).gap).toBeCloseTo(-0.001, 9);
  });
});
