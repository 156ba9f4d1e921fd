import { describe, expect, it } from 'vitest';
import { STATUS_THRESHOLDS } from '../../shared/progress/assessment.js';
import { assessProgress } from '../../shared/progress/status.js';
import { expectedValue } from '../../shared/progress/trajectory.js';
import { num, missing, qualitative, indicator, obs, growth, tenPercent, gdp } from '../helpers/indicators.js';

describe('thresholds', () => {
  it('are a single exported constant, returned with every assessment', () => {
    expect(STATUS_THRESHOLDS).toEqual({ onTrack: 0.95, needsAcceleration: 0.6 });
    expect(assessProgress(gdp, obs([2022, 500])).thresholds).toBe(STATUS_THRESHOLDS);
    expect(assessProgress(indicator({ target: qualitative('完成市下达目标') }), []).thresholds).toBe(STATUS_THRESHOLDS);
  });
});

describe('compound path for level targets', () => {
  it('requires (650/438.08)^(1/5) − 1 ≈ 8.21 %/yr for GDP 438.08 → 650', () => {
    const a = assessProgress(gdp, obs([2023, 560]));
    expect(a.method).toBe('compound');
    expect(a.base).toEqual({ year: 2020, value: 438.08, source: 'baseline' });
    expect(a.target).toEqual({ year: 2025, value: 650, implied: false });
    expect(a.required).toBeCloseTo(0.0821114, 6);
  });

  it('is on track when the observed CAGR beats the required one (GDP 560 in 2023: 8.53 % vs 8.21 %)', () => {
    const a = assessProgress(gdp, obs([2021, 470], [2023, 560]));
    expect(a.latest).toEqual({ year: 2023, value: 560 });
    expect(a.observed).toBeCloseTo(0.0852877, 6); // (560/438.08)^(1/3) − 1
    expect(a.ratio).toBeCloseTo(1.03868, 4);
    expect(a.expectedAtLatest).toBeCloseTo(555.0976, 3); // 438.08 · 1.0821114^3
    expect(a.status).toBe('on_track');
    expect(a.reason).toBe('ratio');
  });

  it('matches the worked example in docs/status-method.md: GDP 520 in 2023 → 5.88 %/yr, ratio 0.72', () => {
    const a = assessProgress(gdp, obs([2023, 520]));
    expect(a.observed).toBeCloseTo(0.0588066, 6);
    expect(a.ratio).toBeCloseTo(0.71618, 4);
    expect(a.status).toBe('needs_acceleration');
    expect(a.growthCheck?.met).toBe(false);
  });

  it('needs acceleration at ratio 0.8 (8 %/yr observed against 10 %/yr required)', () => {
    const a = assessProgress(tenPercent, obs([2022, 116.64])); // 100 · 1.08²
    expect(a.required).toBeCloseTo(0.1, 10);
    expect(a.observed).toBeCloseTo(0.08, 10);
    expect(a.ratio).toBeCloseTo(0.8, 10);
    expect(a.status).toBe('needs_acceleration');
  });

  it('shows limited progress at ratio 0.3 (3 %/yr against 10 %/yr)', () => {
    const a = assessProgress(tenPercent, obs([2022, 106.09])); // 100 · 1.03²
    expect(a.observed).toBeCloseTo(0.03, 10);
    expect(a.ratio).toBeCloseTo(0.3, 10);
    expect(a.status).toBe('limited_progress');
  });

  it('is deteriorating when the value moves away from the target (−10 %/yr, ratio −1)', () => {
    const a = assessProgress(tenPercent, obs([2022, 81]));
    expect(a.observed).toBeCloseTo(-0.1, 10);
    expect(a.ratio).toBeCloseTo(-1, 10);
    expect(a.status).toBe('deteriorating');
  });

  it('is achieved as soon as the latest value reaches the target, even before 2025', () => {
    const a = assessProgress(gdp, obs([2021, 500], [2024, 650]));
    expect(a.status).toBe('achieved');
    expect(a.reason).toBe('target-met');
    expect(a.ratio).toBeGreaterThan(1);
  });

  it('counts a latest value at or below zero as −100 %/yr and says so', () => {
    const a = assessProgress(tenPercent, obs([2022, 0]));
    expect(a.observed).toBe(-1);
    expect(a.status).toBe('deteriorating');
    expect(a.notes).toContain('observed-value-not-positive');
  });
});

describe('band boundaries (ratios that are exact in decimals are not pushed down by round-off)', () => {
  it('compound: 9.5 % against 10 % is exactly 0.95 → on track', () => {
    const a = assessProgress(tenPercent, obs([2022, 119.9025])); // 100 · 1.095²
    expect(a.ratio).toBeCloseTo(0.95, 9);
    expect(a.status).toBe('on_track');
  });

  it('compound: 9.49 % against 10 % → needs acceleration', () => {
    const a = assessProgress(tenPercent, obs([2022, 119.880601])); // 100 · 1.0949²
    expect(a.ratio).toBeCloseTo(0.949, 9);
    expect(a.status).toBe('needs_acceleration');
  });

  it('compound: 6 % against 10 % is exactly 0.6 → needs acceleration; 5.99 % → limited progress', () => {
    expect(assessProgress(tenPercent, obs([2022, 112.36])).status).toBe('needs_acceleration');
    const below = assessProgress(tenPercent, obs([2022, 112.338801])); // 100 · 1.0599²
    expect(below.ratio).toBeCloseTo(0.599, 9);
    expect(below.status).toBe('limited_progress');
  });

  const share = indicator({ measure: 'share', unit: '%', unitEn: '%', baseline: num(30), target: num(40) });
  it.each([
    [33.8, 0.95, 'on_track'],
    [33.79, 0.9475, 'needs_acceleration'],
    [32.4, 0.6, 'needs_acceleration'],
    [32.39, 0.5975, 'limited_progress'],
    [30, 0, 'limited_progress'],
    [29.9, -0.025, 'deteriorating'],
  ] as const)('percentage-point: %s in 2022 → ratio %s → %s', (value, ratio, status) => {
    const a = assessProgress(share, obs([2022, value]));
    expect(a.ratio).toBeCloseTo(ratio, 9);
    expect(a.status).toBe(status);
  });
});

describe('lower-is-better indicators', () => {
  // PM2.5 50 → 29.5245 = 50 · 0.9^5: required −10 %/yr.
  const pm25 = indicator({
    id: 'pm25',
    unit: '微克/立方米',
    unitEn: 'µg/m³',
    direction: 'lower',
    baseline: num(50),
    target: num(29.5245),
  });

  it('divides two negative rates: −8 %/yr against −10 %/yr → ratio 0.8', () => {
    const a = assessProgress(pm25, obs([2022, 42.32])); // 50 · 0.92²
    expect(a.required).toBeCloseTo(-0.1, 10);
    expect(a.observed).toBeCloseTo(-0.08, 10);
    expect(a.ratio).toBeCloseTo(0.8, 10);
    expect(a.status).toBe('needs_acceleration');
  });

  it('is deteriorating when the value rises', () => {
    const a = assessProgress(pm25, obs([2022, 52]));
    expect(a.ratio).toBeLessThan(0);
    expect(a.status).toBe('deteriorating');
  });

  it('is achieved when the latest value is at or below the target', () => {
    expect(assessProgress(pm25, obs([2023, 29.5245])).status).toBe('achieved');
    expect(assessProgress(pm25, obs([2023, 28])).status).toBe('achieved');
  });

  it('real PM2.5 numbers: 40 → 33 requires ≈ −3.77 %/yr; 37 in 2022 is −3.82 %/yr → on track', () => {
    const a = assessProgress(indicator({ direction: 'lower', baseline: num(40), target: num(33) }), obs([2022, 37]));
    expect(a.required).toBeCloseTo(-0.0377436, 6);
    expect(a.observed).toBeCloseTo(-0.0382308, 6);
    expect(a.ratio).toBeCloseTo(1.01291, 4);
    expect(a.status).toBe('on_track');
  });
});

describe('growth-rate targets', () => {
  const growthOnly = indicator({ baseline: num(235.55), target: missing(), growth: growth(7) });

  it('uses the given rate as the required rate and returns the implied 2025 level, flagged as implied', () => {
    const a = assessProgress(growthOnly, obs([2023, 272.67856875])); // 235.55 · 1.05³
    expect(a.method).toBe('compound');
    expect(a.required).toBe(0.07);
    expect(a.target?.implied).toBe(true);
    expect(a.target?.value).toBeCloseTo(330.37106, 4); // 235.55 · 1.07^5
    expect(a.observed).toBeCloseTo(0.05, 10);
    expect(a.ratio).toBeCloseTo(0.05 / 0.07, 10);
    expect(a.expectedAtLatest).toBeCloseTo(288.55888, 4); // 235.55 · 1.07³
    expect(a.status).toBe('needs_acceleration');
    expect(a.growthCheck).toBeUndefined();
  });

  it('is achieved once the implied level is reached', () => {
    expect(assessProgress(growthOnly, obs([2024, 331])).status).toBe('achieved');
  });

  it('a growth rate next to a qualitative target still gives an implied path', () => {
    const a = assessProgress(
      indicator({ baseline: num(100), target: qualitative('完成市下达目标'), growth: growth(10) }),
      obs([2022, 121]),
    );
    expect(a.target).toEqual({ year: 2025, value: expect.closeTo(161.051, 6), implied: true });
    expect(a.ratio).toBeCloseTo(1, 10);
    expect(a.status).toBe('on_track');
  });

  it('with both a level target and a growth rate, the level drives the status and the rate is an extra check', () => {
    // GDP 470 in 2022: 3.58 %/yr observed; against the level path (8.21 %) ratio 0.436.
    const slow = assessProgress(gdp, obs([2022, 470]));
    expect(slow.ratio).toBeCloseTo(0.43589, 4);
    expect(slow.status).toBe('limited_progress');
    expect(slow.growthCheck).toEqual({ requiredPercent: 7, observedPercent: expect.closeTo(3.57912, 4), met: false });

    // 500 in 2022: 6.83 %/yr — still below 7 %; 520 in 2022: 8.95 % — above both.
    expect(assessProgress(gdp, obs([2022, 500])).growthCheck?.met).toBe(false);
    const fast = assessProgress(gdp, obs([2022, 520]));
    expect(fast.growthCheck?.observedPercent).toBeCloseTo(8.94943, 4); // sqrt(520/438.08) − 1;
    expect(fast.growthCheck?.met).toBe(true);
  });

  it('a growth check without observations has no observed rate', () => {
    expect(assessProgress(gdp, []).growthCheck).toEqual({ requiredPercent: 7, observedPercent: null, met: null });
  });

  it('cannot apply a growth rate to a base of zero', () => {
    const a = assessProgress(indicator({ baseline: num(0), target: missing(), growth: growth(5) }), obs([2022, 10]));
    expect(a.status).toBe('not_assessable');
    expect(a.reason).toBe('growth-target-needs-positive-base');
  });
});

describe('missing baseline with a growth target (出口商品总值: base "-", 5 %/yr)', () => {
  const exports = indicator({ id: 'exports', baseline: missing('-'), target: missing('-'), growth: growth(5) });

  it('takes the earliest observation as the base when there are at least two, and says so', () => {
    const a = assessProgress(exports, obs([2023, 110.25], [2021, 100]));
    expect(a.base).toEqual({ year: 2021, value: 100, source: 'first-observation' });
    expect(a.required).toBe(0.05);
    expect(a.target?.value).toBeCloseTo(121.550625, 6); // 100 · 1.05^4 (2021 → 2025)
    expect(a.target?.implied).toBe(true);
    expect(a.observed).toBeCloseTo(0.05, 10);
    expect(a.ratio).toBeCloseTo(1, 10);
    expect(a.status).toBe('on_track');
  });

  it('is not assessable with a single observation', () => {
    const a = assessProgress(exports, obs([2022, 100]));
    expect(a.status).toBe('not_assessable');
    expect(a.reason).toBe('no-base');
    expect(a.base).toBeNull();
  });

  it('expectedValue uses the same first-observation base when given the observations', () => {
    const series = obs([2021, 100], [2023, 110.25]);
    expect(expectedValue(exports, 2023, series)).toBeCloseTo(110.25, 10);
    expect(expectedValue(exports, 2020, series)).toBeNull(); // before the base year
    expect(expectedValue(exports, 2023)).toBeNull(); // no base without observations
  });
});
