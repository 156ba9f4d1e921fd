import { Indicator, type Cell } from '../../shared/plan/schema.js';
import type { Observation } from '../../shared/progress/assessment.js';

// Fixtures of the status method's tests: valid Indicator objects built in the test (the plan JSON is not read here).

export const num = (value: number, raw = String(value)): Cell => ({ kind: 'number', value, raw });
export const missing = (raw = '-'): Cell => ({ kind: 'missing', raw });
export const qualitative = (text: string): Cell => ({ kind: 'qualitative', text });

export function indicator(overrides: Partial<Indicator> = {}): Indicator {
  const base: Indicator = {
    id: 'test-indicator',
    seq: 1,
    category: '经济质效',
    nameZh: '测试指标',
    nameEn: 'Test indicator',
    unit: '亿元',
    unitEn: '100 million yuan',
    baseline: num(100),
    baselineYear: 2020,
    target: num(200),
    targetYear: 2025,
    growth: null,
    stretch: null,
    attribute: 'expected',
    direction: 'higher',
    measure: 'level',
    history: [],
    source: { box: '专栏2', row: 1 },
  };
  // Validate with the real schema so the fixtures cannot drift from it.
  return Indicator.parse({ ...base, ...overrides });
}

export const obs = (...pairs: [number, number][]): Observation[] => pairs.map(([year, value]) => ({ year, value }));
export const growth = (percent: number, atLeast = true) => ({
  percent,
  atLeast,
  raw: `年均增长${atLeast ? '不低于' : ''}${percent}%`,
});

/** Level indicator whose required compound rate is exactly 10 %/yr: 100 → 100·1.1^5 = 161.051. */
export const tenPercent = indicator({ baseline: num(100), target: num(161.051) });

export const gdp = indicator({
  id: 'gdp',
  nameZh: '地区生产总值',
  nameEn: 'Gross domestic product',
  baseline: num(438.08),
  target: num(650),
  growth: growth(7),
});
