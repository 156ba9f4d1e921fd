import { describe, expect, it } from 'vitest';
import { assessProgress } from '../../shared/progress/status.js';
import { expectedValue, resolveTrajectory } from '../../shared/progress/trajectory.js';
import { num, missing, qualitative, indicator, obs, growth, tenPercent, gdp } from '../helpers/indicators.js';

describe('share indicators: percentage-point path', () => {
  const share = indicator({ measure: 'share', unit: '%', unitEn: '%', baseline: num(2.5), target: num(3.5) });

  it('requires (3.5 − 2.5)/5 = 0.2 pp/yr and compares observed pp/yr', () => {
    const a = assessProgress(share, obs([2023, 2.95]));
    expect(a.method).toBe('percentage-point');
    expect(a.required).toBeCloseTo(0.2, 12);
    expect(a.observed).toBeCloseTo(0.15, 12);
    expect(a.ratio).toBeCloseTo(0.75, 10);
    expect(a.expectedAtLatest).toBeCloseTo(3.1, 12);
    expect(a.status).toBe('needs_acceleration');
  });

  it('does not use compound rates even when the base is positive', () => {
    // compound would require (3.5/2.5)^(1/5) − 1 ≈ 6.96 %; the pp path requires 0.2 pp
    expect(resolveTrajectory(share)).toMatchObject({
      ok: true,
      trajectory: { method: 'percentage-point', required: expect.closeTo(0.2, 12) },
    });
  });
});

describe('rate indicators: yearly values against a floor', () => {
  // 固定资产投资增长率 ≥ 10 %/yr
  const investment = indicator({ measure: 'rate', unit: '%', unitEn: '%', baseline: num(6), target: num(10, '≥10') });

  it('compares the mean of the years after the base with the floor (mean 9.7 → ratio 0.97 → on track)', () => {
    const a = assessProgress(investment, obs([2020, 30], [2021, 12], [2022, 8], [2023, 9.1]));
    expect(a.method).toBe('annual-floor');
    expect(a.required).toBe(10);
    expect(a.observed).toBeCloseTo(9.7, 12); // the 2020 value (30) is not part of the mean
    expect(a.ratio).toBeCloseTo(0.97, 12);
    expect(a.expectedAtLatest).toBe(10);
    expect(a.latest).toEqual({ year: 2023, value: 9.1 });
    expect(a.status).toBe('on_track');
  });

  it('needs acceleration at mean 7.5, deteriorating at a negative mean', () => {
    expect(assessProgress(investment, obs([2021, 8], [2022, 7])).status).toBe('needs_acceleration');
    const falling = assessProgress(investment, obs([2021, 2], [2022, -6]));
    expect(falling.ratio).toBeCloseTo(-0.2, 12);
    expect(falling.status).toBe('deteriorating');
  });

  it('is on track, not achieved, before 2025 even when the mean beats the floor', () => {
    const a = assessProgress(investment, obs([2021, 15], [2022, 12]));
    expect(a.status).toBe('on_track');
    expect(a.ratio).toBeCloseTo(1.35, 12);
  });

  it('is achieved when 2025 is observed and the period mean meets the floor', () => {
    const a = assessProgress(investment, obs([2021, 12], [2022, 8], [2023, 10], [2024, 11], [2025, 9]));
    expect(a.observed).toBe(10);
    expect(a.status).toBe('achieved');
    expect(a.reason).toBe('target-met');
  });

  it('is capped at needs acceleration when 2025 is observed and the mean falls just short', () => {
    const a = assessProgress(investment, obs([2021, 12], [2022, 8], [2023, 10], [2024, 9.5], [2025, 9]));
    expect(a.observed).toBeCloseTo(9.7, 12);
    expect(a.status).toBe('needs_acceleration');
    expect(a.reason).toBe('ratio-capped-at-target-year');
  });

  it('takes the floor from the growth rate when the target cell is empty', () => {
    const a = assessProgress(
      indicator({ measure: 'rate', baseline: missing(), target: missing(), growth: growth(8) }),
      obs([2021, 6]),
    );
    expect(a.required).toBe(8);
    expect(a.ratio).toBeCloseTo(0.75, 12);
    expect(a.base).toBeNull();
    expect(a.status).toBe('needs_acceleration');
  });

  it('one yearly value after the base is enough (no base value needed)', () => {
    expect(assessProgress(investment, obs([2021, 10])).status).toBe('on_track');
    const none = assessProgress(investment, obs([2020, 10]));
    expect(none.status).toBe('not_assessable');
    expect(none.reason).toBe('no-observation-after-base');
  });

  it('a ceiling (direction lower, e.g. energy intensity −3 %/yr): −2.5 mean → ratio 0.833', () => {
    const energy = indicator({ measure: 'rate', direction: 'lower', baseline: missing(), target: num(-3) });
    const a = assessProgress(energy, obs([2021, -2], [2022, -3]));
    expect(a.ratio).toBeCloseTo(2.5 / 3, 12);
    expect(a.status).toBe('needs_acceleration');
  });

  it('a floor of 0 has no ratio: met → on track, missed → deteriorating', () => {
    const nonNegative = indicator({ measure: 'rate', baseline: missing(), target: num(0) });
    const up = assessProgress(nonNegative, obs([2021, 1]));
    expect(up).toMatchObject({ status: 'on_track', reason: 'floor-met', ratio: null });
    const down = assessProgress(nonNegative, obs([2021, -1]));
    expect(down).toMatchObject({ status: 'deteriorating', reason: 'floor-missed', ratio: null });
  });
});

describe('cumulative indicators (新增学位 8000, no baseline)', () => {
  const places = indicator({
    id: 'school-places',
    measure: 'cumulative',
    unit: '个',
    unitEn: 'places',
    baseline: missing('-'),
    target: num(8000),
  });

  it('starts at zero in the base year and follows a straight line to the target', () => {
    const a = assessProgress(places, obs([2022, 2400]));
    expect(a.method).toBe('linear');
    expect(a.base).toEqual({ year: 2020, value: 0, source: 'cumulative-zero' });
    expect(a.required).toBe(1600);
    expect(a.observed).toBe(1200);
    expect(a.ratio).toBeCloseTo(0.75, 12);
    expect(a.expectedAtLatest).toBe(3200);
    expect(a.status).toBe('needs_acceleration');
  });

  it('is achieved when the running total reaches the target', () => {
    expect(assessProgress(places, obs([2024, 8100])).status).toBe('achieved');
  });
});

describe('level with zero or negative base: linear fallback', () => {
  it('uses absolute change per year from a zero base and says so', () => {
    const a = assessProgress(indicator({ baseline: num(0), target: num(50) }), obs([2022, 20]));
    expect(a.method).toBe('linear');
    expect(a.required).toBe(10);
    expect(a.observed).toBe(10);
    expect(a.ratio).toBe(1);
    expect(a.status).toBe('on_track');
    expect(a.notes).toContain('linear-fallback-non-positive-base');
  });

  it('works from a negative base (−20 → 30: 10 units/yr)', () => {
    const a = assessProgress(indicator({ baseline: num(-20), target: num(30) }), obs([2023, -5]));
    expect(a.required).toBe(10);
    expect(a.observed).toBe(5);
    expect(a.status).toBe('limited_progress');
  });

  it('falls back too when the target is zero (lower is better: 10 → 0)', () => {
    const a = assessProgress(indicator({ direction: 'lower', baseline: num(10), target: num(0) }), obs([2022, 6]));
    expect(a.method).toBe('linear');
    expect(a.required).toBe(-2);
    expect(a.observed).toBe(-2);
    expect(a.status).toBe('on_track');
    expect(a.notes).toContain('linear-fallback-non-positive-target');
  });
});

describe('maintain targets (target equal to, or already met by, the base)', () => {
  const rate100 = indicator({ measure: 'share', unit: '%', unitEn: '%', baseline: num(100), target: num(100) });

  it('is achieved while the latest value meets it', () => {
    const a = assessProgress(rate100, obs([2023, 100]));
    expect(a).toMatchObject({ status: 'achieved', reason: 'target-met', required: 0, observed: 0, ratio: null });
    expect(a.notes).toContain('no-improvement-required');
  });

  it('is deteriorating with no ratio when the value falls short', () => {
    const a = assessProgress(rate100, obs([2023, 98]));
    expect(a).toMatchObject({ status: 'deteriorating', reason: 'maintain-missed', required: 0, ratio: null });
    expect(a.observed).toBeCloseTo(-2 / 3, 12);
  });

  it('works on the compound path too (level 100 → 100)', () => {
    const a = assessProgress(indicator({ baseline: num(100), target: num(100) }), obs([2022, 99]));
    expect(a).toMatchObject({
      method: 'compound',
      status: 'deteriorating',
      reason: 'maintain-missed',
      required: 0,
      ratio: null,
    });
  });

  it('a ceiling above the base (lower is better, 20 → ≤ 25) is a maintain target, not a ratio', () => {
    const ceiling = indicator({ direction: 'lower', baseline: num(20), target: num(25) });
    expect(assessProgress(ceiling, obs([2022, 24]))).toMatchObject({ status: 'achieved', ratio: null });
    // rising 20 → 26 would give two positive rates and a positive ratio; it must not be "on track"
    expect(assessProgress(ceiling, obs([2022, 26]))).toMatchObject({
      status: 'deteriorating',
      reason: 'maintain-missed',
      ratio: null,
    });
  });
});

describe('not assessable', () => {
  it('with only the baseline (nothing after the base year)', () => {
    const a = assessProgress(gdp, obs([2020, 438.08]));
    expect(a).toMatchObject({
      status: 'not_assessable',
      reason: 'no-observation-after-base',
      latest: null,
      ratio: null,
    });
    expect(a.required).toBeCloseTo(0.0821114, 6); // the path is still known
  });

  it('with no observations at all', () => {
    expect(assessProgress(gdp, []).reason).toBe('no-observation-after-base');
  });

  it('with one observation and no baseline', () => {
    const a = assessProgress(indicator({ baseline: missing('--'), target: num(100) }), obs([2022, 80]));
    expect(a).toMatchObject({ status: 'not_assessable', reason: 'no-base', base: null, target: { value: 100 } });
  });

  it('with a qualitative target', () => {
    const a = assessProgress(indicator({ target: qualitative('完成市下达目标') }), obs([2022, 150]));
    expect(a).toMatchObject({ status: 'not_assessable', reason: 'qualitative-target', method: null, ratio: null });
  });

  it('with a missing target and no growth rate', () => {
    const a = assessProgress(indicator({ target: missing('') }), obs([2022, 150]));
    expect(a).toMatchObject({ status: 'not_assessable', reason: 'missing-target' });
  });
});

describe('target year', () => {
  it('caps an unmet target at needs acceleration once 2025 is observed (ratio 0.99)', () => {
    const a = assessProgress(tenPercent, obs([2025, 160.3202797905])); // 100 · 1.099^5
    expect(a.ratio).toBeCloseTo(0.99, 9);
    expect(a.status).toBe('needs_acceleration');
    expect(a.reason).toBe('ratio-capped-at-target-year');
  });

  it('does not cap the same ratio in 2024', () => {
    const a = assessProgress(tenPercent, obs([2024, 145.8767])); // ≈ 100 · 1.099^4
    expect(a.ratio).toBeCloseTo(0.99, 4);
    expect(a).toMatchObject({ status: 'on_track', reason: 'ratio' });
  });

  it('ignores observations after 2025 and says so', () => {
    const a = assessProgress(tenPercent, obs([2024, 120], [2026, 170]));
    expect(a.latest).toEqual({ year: 2024, value: 120 });
    expect(a.status).not.toBe('achieved');
    expect(a.notes).toContain('observations-outside-period-ignored');
  });
});

describe('input hygiene', () => {
  it('sorts unsorted observations and uses the latest year', () => {
    const a = assessProgress(tenPercent, obs([2023, 130], [2021, 105], [2022, 116.64]));
    expect(a.latest).toEqual({ year: 2023, value: 130 });
    expect(a.observed).toBeCloseTo(Math.cbrt(1.3) - 1, 12);
  });

  it('lets the later entry win when a year appears twice, and says so', () => {
    const a = assessProgress(tenPercent, obs([2022, 200], [2021, 105], [2022, 116.64]));
    expect(a.latest).toEqual({ year: 2022, value: 116.64 });
    expect(a.status).toBe('needs_acceleration');
    expect(a.notes).toContain('duplicate-years-last-wins');
  });

  it('keeps the published baseline when a 2020 observation differs', () => {
    const a = assessProgress(tenPercent, obs([2020, 90], [2022, 116.64]));
    expect(a.base).toEqual({ year: 2020, value: 100, source: 'baseline' });
    expect(a.ratio).toBeCloseTo(0.8, 10);
    expect(a.notes).toContain('baseline-year-observation-differs');
  });

  it('drops non-finite values and non-integer years', () => {
    const a = assessProgress(tenPercent, [
      { year: 2023, value: Number.NaN },
      { year: 2022.5, value: 500 },
      { year: 2022, value: 116.64 },
    ]);
    expect(a.latest).toEqual({ year: 2022, value: 116.64 });
    expect(a.notes).toContain('invalid-observations-ignored');
  });

  it('does not mutate its input', () => {
    const input = obs([2023, 130], [2021, 105]);
    const copy = structuredClone(input);
    assessProgress(tenPercent, input);
    expect(input).toEqual(copy);
  });
});

describe('expectedValue along each path', () => {
  it('compound: GDP passes 438.08 in 2020, 555.10 in 2023 and 650 in 2025', () => {
    expect(expectedValue(gdp, 2020)).toBeCloseTo(438.08, 10);
    expect(expectedValue(gdp, 2023)).toBeCloseTo(555.0976, 3);
    expect(expectedValue(gdp, 2025)).toBeCloseTo(650, 9);
  });

  it('is null outside the plan period', () => {
    expect(expectedValue(gdp, 2019)).toBeNull();
    expect(expectedValue(gdp, 2026)).toBeNull();
  });

  it('growth-only: 235.55 · 1.07^n', () => {
    const g = indicator({ baseline: num(235.55), target: missing(), growth: growth(7) });
    expect(expectedValue(g, 2021)).toBeCloseTo(252.0385, 4);
    expect(expectedValue(g, 2025)).toBeCloseTo(330.37106, 4);
  });

  it('linear (zero base) and cumulative: straight lines', () => {
    expect(expectedValue(indicator({ baseline: num(0), target: num(50) }), 2023)).toBe(30);
    const places = indicator({ measure: 'cumulative', baseline: missing(), target: num(8000) });
    expect(expectedValue(places, 2020)).toBe(0);
    expect(expectedValue(places, 2021)).toBe(1600);
    expect(expectedValue(places, 2025)).toBe(8000);
  });

  it('percentage-point: 2.5 → 3.5 passes 2.9 in 2022', () => {
    const share = indicator({ measure: 'share', baseline: num(2.5), target: num(3.5) });
    expect(expectedValue(share, 2022)).toBeCloseTo(2.9, 12);
  });

  it('annual floor: the floor in each plan year after the base, null in the base year', () => {
    const investment = indicator({ measure: 'rate', baseline: num(6), target: num(10) });
    expect(expectedValue(investment, 2020)).toBeNull();
    expect(expectedValue(investment, 2021)).toBe(10);
    expect(expectedValue(investment, 2025)).toBe(10);
    expect(expectedValue(investment, 2026)).toBeNull();
  });

  it('is null when there is no path (qualitative target)', () => {
    expect(expectedValue(indicator({ target: qualitative('完成市下达目标') }), 2023)).toBeNull();
  });
});
