import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../shared/plan/load.js';
import type { Indicator } from '../../shared/plan/schema.js';
import { box3, bySeq, expectedCell, fullName, indicator, plan, seed, seedBytes } from '../helpers/plan-seed.js';

/** licheng-14th.json against the seed's 专栏3 and its stretch-goal footnote, cell by cell. */

describe('licheng-14th.json', () => {
  it('parses with the plan schema and records the hash of the seed it was read from', () => {
    const raw: unknown = JSON.parse(
      readFileSync(new URL('../../shared/plan/licheng-14th.json', import.meta.url), 'utf8'),
    );
    expect(() => parsePlan(raw)).not.toThrow();
    expect(plan.source.document).toBe('000_e3009caee327b07f.txt');
    expect(plan.source.sha256).toBe(createHash('sha256').update(seedBytes).digest('hex'));
    expect(plan.titleZh).toBe('鲤城区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要');
    expect([plan.periodStart, plan.periodEnd, plan.baselineYear]).toEqual([2021, 2025, 2020]);
    expect(plan.categories.map((c) => c.id)).toEqual([
      '经济质效',
      '创新驱动',
      '开放发展',
      '文化引领',
      '民生福祉',
      '生态文明',
    ]);
  });

  it('parsePlan rejects bad data with the failing paths in the message', () => {
    const broken = structuredClone(plan) as unknown as { indicators: Record<string, unknown>[] };
    broken.indicators[0]!.extra = true;
    delete broken.indicators[1]!.nameEn;
    expect(() => parsePlan(broken)).toThrow(/indicators\.0[\s\S]*indicators\.1\.nameEn/);
  });
});

describe('indicators (专栏3)', () => {
  it('has exactly 31 indicators, seq 1..31 in order, with unique ids', () => {
    expect(plan.indicators.map((i) => i.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(new Set(plan.indicators.map((i) => i.id)).size).toBe(31);
  });

  it("every 专栏3 row becomes exactly one indicator with the seed's name and unit", () => {
    for (const { cells } of box3) {
      const ind = bySeq.get(Number(cells[1]));
      expect(ind, `row ${cells[1]}`).toBeDefined();
      expect(fullName(ind!), `row ${cells[1]}`).toBe(cells[2]);
    }
  });

  it("every indicator carries its row's 分类 and 属性", () => {
    for (const { group, cells } of box3) {
      const ind = bySeq.get(Number(cells[1]))!;
      expect(ind.category, `row ${cells[1]}`).toBe(group);
      const attribute = cells[cells.length - 1];
      expect(ind.attribute, `row ${cells[1]}`).toBe(
        attribute === '约束性' ? 'binding' : attribute === '预期性' ? 'expected' : 'unknown',
      );
    }
  });

  it('every baseline matches the seed 2020 cell, including missing and qualitative ones', () => {
    for (const { cells } of box3) {
      expect(bySeq.get(Number(cells[1]))!.baseline, `row ${cells[1]}`).toEqual(expectedCell(cells[3]!));
    }
  });

  it('every target and growth rate is read from the seed cells between baseline and 属性', () => {
    const growthPattern = /^(年均增长不低于)?(\d+(?:\.\d+)?)%$/;
    for (const { cells } of box3) {
      const ind = bySeq.get(Number(cells[1]))!;
      const middle = cells.slice(4, -1);
      let targetText = '';
      let growthText: string | null = null;
      if (middle.length === 2) [targetText, growthText] = middle as [string, string];
      else if (middle.length === 1 && growthPattern.test(middle[0]!)) growthText = middle[0]!;
      else if (middle.length === 1) targetText = middle[0]!;
      else throw new Error(`row ${cells[1]} has ${middle.length} cells between baseline and 属性`);
      expect(ind.target, `row ${cells[1]} target`).toEqual(expectedCell(targetText));
      if (growthText === null) {
        expect(ind.growth, `row ${cells[1]} growth`).toBeNull();
      } else {
        const m = growthPattern.exec(growthText)!;
        expect(ind.growth, `row ${cells[1]} growth`).toEqual({
          percent: Number(m[2]),
          atLeast: Boolean(m[1]),
          raw: growthText,
        });
      }
    }
  });

  it('sample targets and growth rates per category have the values printed in the plan', () => {
    // 经济质效
    expect(indicator('gdp').target).toEqual({ kind: 'number', value: 650, raw: '650' });
    expect(indicator('gdp').growth).toEqual({ percent: 7, atLeast: true, raw: '年均增长不低于7%' });
    expect(indicator('general-budget-revenue').target).toEqual({ kind: 'missing', raw: '' });
    expect(indicator('general-budget-revenue').growth).toEqual({
      percent: 10,
      atLeast: true,
      raw: '年均增长不低于10%',
    });
    expect(indicator('fixed-asset-investment-growth')).toMatchObject({
      baseline: { kind: 'number', value: 15.3 },
      target: { kind: 'missing', raw: '' },
      growth: { percent: 10, atLeast: true },
      measure: 'rate',
    });
    expect(indicator('services-share-of-gdp').target).toMatchObject({ value: 68 });
    // 创新驱动
    expect(indicator('rd-spending-share-of-gdp')).toMatchObject({
      nameZh: 'R＆D经费支出占GDP比重',
      target: { value: 2 },
      measure: 'share',
    });
    expect(indicator('high-tech-enterprises').target).toMatchObject({ value: 150 });
    // 开放发展
    expect(indicator('retail-sales')).toMatchObject({
      target: { kind: 'missing', raw: '' },
      growth: { percent: 7, atLeast: false, raw: '7%' },
    });
    expect(indicator('export-value')).toMatchObject({
      baseline: { kind: 'missing', raw: '-' },
      growth: { percent: 5, atLeast: false },
    });
    // 文化引领
    expect(indicator('tourism-revenue').target).toMatchObject({ value: 350 });
    expect(indicator('tourist-visits').target).toMatchObject({ value: 1200 });
    expect(indicator('public-green-space-per-capita').target).toMatchObject({ value: 15.2 });
    // 民生福祉
    expect(indicator('disposable-income-per-capita')).toMatchObject({
      target: { value: 68000 },
      growth: { percent: 6.5, atLeast: false, raw: '6.5%' },
    });
    expect(indicator('new-school-places')).toMatchObject({
      baseline: { kind: 'missing', raw: '--' },
      target: { value: 8000 },
      measure: 'cumulative',
    });
  });

  it('every binding indicator (rows 26–31) is exactly as the seed gives it, field by field', () => {
    const fromSeed = (seq: number) => box3.find((r) => Number(r.cells[1]) === seq)!.cells;
    // All six sit in 生态文明, binding, with neither a growth rate nor a stretch goal.
    const common: Partial<Indicator> = { category: '生态文明', growth: null, stretch: null, attribute: 'binding' };
    const cityTarget = { kind: 'qualitative', text: '完成市下达目标' } as const;
    const number = (value: number) => ({ kind: 'number', value, raw: String(value) }) as const;
    /** Row → id, Chinese name, unit, the previous plan's rows it continues. */
    const names: Record<number, [string, string, string, string[]]> = {
      26: ['industrial-energy-intensity-reduction', '规上工业单位增加值能耗降幅', '%', ['h13-27']],
      27: ['co2-intensity-reduction', '单位GDP二氧化碳排放降幅', '', []],
      28: ['good-air-quality-days-share', '空气环境质量好于二级标准的天数比例', '%', ['h13-32']],
      29: ['pm25-concentration', 'PM2.5年日均浓度', 'mg/m³', ['h13-33']],
      30: ['surface-water-compliance', '省控断面地表水水质达标率', '%', ['h13-34']],
      31: ['forest-coverage', '森林覆盖率', '%', ['h13-36']],
    };
    type Figures = [Indicator['baseline'], Indicator['target'], Indicator['direction'], Indicator['measure']];
    /** Row → baseline, target, direction, measure. */
    const figures: Record<number, Figures> = {
      26: [cityTarget, cityTarget, 'higher', 'rate'],
      27: [cityTarget, cityTarget, 'higher', 'rate'],
      28: [number(97), { kind: 'qualitative', text: '完成市下达的环境质量控制目标' }, 'higher', 'share'],
      29: [number(0.021), { kind: 'missing', raw: '' }, 'lower', 'level'],
      30: [number(100), number(100), 'higher', 'share'],
      31: [number(21.79), cityTarget, 'higher', 'share'],
    };
    for (const [seqText, [id, nameZh, unit, history]] of Object.entries(names)) {
      const seq = Number(seqText);
      const [baseline, target, direction, measure] = figures[seq]!;
      const fields = { id, nameZh, unit, baseline, target, direction, measure, history };
      const ind = bySeq.get(seq)!;
      for (const [field, value] of Object.entries({ ...common, ...fields })) {
        expect(ind[field as keyof Indicator], `row ${seq} ${field}`).toEqual(value);
      }
      expect(ind.baselineYear).toBe(2020);
      expect(ind.targetYear).toBe(2025);
      expect(ind.source).toEqual({ box: '专栏3', row: seq });
      // and the hand-written expectations agree with the seed itself
      const cells = fromSeed(seq);
      expect(fullName(ind)).toBe(cells[2]);
      expect(cells[cells.length - 1]).toBe('约束性');
    }
    expect(plan.indicators.filter((i) => i.attribute === 'binding').map((i) => i.seq)).toEqual([
      26, 27, 28, 29, 30, 31,
    ]);
  });

  it('only PM2.5 is lower-is-better; reductions (降幅) count as higher-is-better', () => {
    expect(plan.indicators.filter((i) => i.direction === 'lower').map((i) => i.id)).toEqual(['pm25-concentration']);
  });

  it('percent shares are "share", yearly rates are "rate", new school places are "cumulative"', () => {
    const ids = (measure: Indicator['measure']) =>
      plan.indicators.filter((i) => i.measure === measure).map((i) => i.seq);
    expect(ids('rate')).toEqual([4, 26, 27]);
    expect(ids('cumulative')).toEqual([25]);
    expect(ids('share')).toEqual([5, 7, 10, 18, 19, 21, 22, 28, 30, 31]);
    for (const ind of plan.indicators) {
      if (ind.unit === '%' && ind.measure === 'level')
        throw new Error(`${ind.id} is a percentage but measured as level`);
    }
  });
});

describe('stretch targets (the “852” goals, footnote 3 of 主要目标)', () => {
  const footnote =
    '奋斗目标：力争到2025年实现全区生产总值达到800亿元，一般公共预算总收入达到50亿元，固定投资额达到200亿元。';

  it('the footnote text is quoted verbatim from the seed', () => {
    expect(seed).toContain(`[3: ${footnote}]`);
  });

  it('GDP 800亿元, budget revenue 50亿元 and fixed investment 200亿元 sit on the matching indicators', () => {
    const source = { box: '主要目标', footnote: 3, text: footnote };
    expect(indicator('gdp').stretch).toEqual({ value: 800, raw: '800亿元', source });
    expect(indicator('general-budget-revenue').stretch).toEqual({ value: 50, raw: '50亿元', source });
    // Indicator 4 is a growth rate; the 200亿元 is an amount, so its raw keeps the words that say so.
    expect(indicator('fixed-asset-investment-growth').stretch).toEqual({
      value: 200,
      raw: '固定投资额达到200亿元',
      source,
    });
    for (const ind of plan.indicators) {
      if (ind.stretch) expect(footnote).toContain(ind.stretch.raw);
    }
  });

  it('no other indicator has a stretch target', () => {
    expect(
      plan.indicators
        .filter((i) => i.stretch !== null)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['fixed-asset-investment-growth', 'gdp', 'general-budget-revenue']);
  });
});
