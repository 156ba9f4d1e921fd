import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPlan, parsePlan } from '../../shared/plan/load.js';
import type { Cell, HistoryRow, Indicator } from '../../shared/plan/schema.js';

/*
 * These tests read the published plan text (the seed) and check licheng-14th.json against it,
 * so the JSON cannot drift from the source without a failing test.
 *
 * Seed tables are flattened: a line starting with a tab opens a cell, a line without one continues
 * the previous cell (e.g. "经济\n发展"), and a blank line ends a table row.
 */

const SEED_URL = new URL('../../../shared/seeds/000_e3009caee327b07f.txt', import.meta.url);
const seedBytes = readFileSync(SEED_URL);
const seed = seedBytes.toString('utf8');
const seedLines = seed.split('\n');

function sectionLines(startMarker: string, endMarker: string): string[] {
  const start = seedLines.findIndex((line) => line.includes(startMarker));
  const end = seedLines.findIndex((line, i) => i > start && line.includes(endMarker));
  if (start < 0 || end < 0) throw new Error(`seed section ${startMarker} not found`);
  return seedLines.slice(start + 1, end);
}

/** Table rows whose second cell is a 序号; header rows are dropped. */
function tableRows(lines: string[]): string[][] {
  const rows: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line === '') {
      if (current.length > 0) rows.push(current);
      current = [];
    } else if (line.startsWith('\t')) {
      current.push(line.slice(1));
    } else if (current.length > 0) {
      current[current.length - 1] += line;
    }
  }
  if (current.length > 0) rows.push(current);
  return rows.filter((row) => /^\d+$/.test(row[1] ?? ''));
}

/** The group cell appears only on a group's first row; carry it down. */
function withGroups(rows: string[][]): { group: string; cells: string[] }[] {
  let group = '';
  return rows.map((cells) => {
    if (cells[0]) group = cells[0];
    return { group, cells };
  });
}

/** How the JSON encodes a cell's text: a single number, '-', '--' or '' as missing, anything else verbatim. */
function expectedCell(text: string): Cell {
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'number', value: Number(text), raw: text };
  if (text === '' || text === '-' || text === '--') return { kind: 'missing', raw: text };
  return { kind: 'qualitative', text };
}

const fullName = (item: { nameZh: string; unit: string }) => item.nameZh + (item.unit ? `（${item.unit}）` : '');

const box3 = withGroups(tableRows(sectionLines('专栏3“十四五”经济社会发展主要指标', '第三章')));
const box1 = withGroups(tableRows(sectionLines('专栏1“十三五”规划纲要指标完成情况', '第二节 发展环境')));

const plan = loadPlan();
const bySeq = new Map<number, Indicator>(plan.indicators.map((i) => [i.seq, i]));
const byId = new Map<string, Indicator>(plan.indicators.map((i) => [i.id, i]));
const historyBySeq = new Map<number, HistoryRow>(plan.history.map((h) => [h.seq, h]));

function indicator(id: string): Indicator {
  const found = byId.get(id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

describe('seed parser sanity', () => {
  it('finds all 31 rows of 专栏3 and all 36 rows of 专栏1 in the seed', () => {
    expect(box3.map((r) => Number(r.cells[1]))).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(box1.map((r) => Number(r.cells[1]))).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
  });
});

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
    const expected: Record<number, Partial<Indicator>> = {
      26: {
        id: 'industrial-energy-intensity-reduction',
        category: '生态文明',
        nameZh: '规上工业单位增加值能耗降幅',
        unit: '%',
        baseline: { kind: 'qualitative', text: '完成市下达目标' },
        target: { kind: 'qualitative', text: '完成市下达目标' },
        growth: null,
        stretch: null,
        attribute: 'binding',
        direction: 'higher',
        measure: 'rate',
        history: ['h13-27'],
      },
      27: {
        id: 'co2-intensity-reduction',
        category: '生态文明',
        nameZh: '单位GDP二氧化碳排放降幅',
        unit: '',
        baseline: { kind: 'qualitative', text: '完成市下达目标' },
        target: { kind: 'qualitative', text: '完成市下达目标' },
        growth: null,
        stretch: null,
        attribute: 'binding',
        direction: 'higher',
        measure: 'rate',
        history: [],
      },
      28: {
        id: 'good-air-quality-days-share',
        category: '生态文明',
        nameZh: '空气环境质量好于二级标准的天数比例',
        unit: '%',
        baseline: { kind: 'number', value: 97, raw: '97' },
        target: { kind: 'qualitative', text: '完成市下达的环境质量控制目标' },
        growth: null,
        stretch: null,
        attribute: 'binding',
        direction: 'higher',
        measure: 'share',
        history: ['h13-32'],
      },
      29: {
        id: 'pm25-concentration',
        category: '生态文明',
        nameZh: 'PM2.5年日均浓度',
        unit: 'mg/m³',
        baseline: { kind: 'number', value: 0.021, raw: '0.021' },
        target: { kind: 'missing', raw: '' },
        growth: null,
        stretch: null,
        attribute: 'binding',
        direction: 'lower',
        measure: 'level',
        history: ['h13-33'],
      },
      30: {
        id: 'surface-water-compliance',
        category: '生态文明',
        nameZh: '省控断面地表水水质达标率',
        unit: '%',
        baseline: { kind: 'number', value: 100, raw: '100' },
        target: { kind: 'number', value: 100, raw: '100' },
        growth: null,
        stretch: null,
        attribute: 'binding',
        direction: 'higher',
        measure: 'share',
        history: ['h13-34'],
      },
      31: {
        id: 'forest-coverage',
        category: '生态文明',
        nameZh: '森林覆盖率',
        unit: '%',
        baseline: { kind: 'number', value: 21.79, raw: '21.79' },
        target: { kind: 'qualitative', text: '完成市下达目标' },
        growth: null,
        stretch: null,
        attribute: 'binding',
        direction: 'higher',
        measure: 'share',
        history: ['h13-36'],
      },
    };
    for (const [seqText, fields] of Object.entries(expected)) {
      const seq = Number(seqText);
      const ind = bySeq.get(seq)!;
      for (const [field, value] of Object.entries(fields)) {
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

describe('history (专栏1)', () => {
  it('has exactly 36 rows h13-01 … h13-36', () => {
    expect(plan.history.map((h) => h.id)).toEqual(
      Array.from({ length: 36 }, (_, i) => `h13-${String(i + 1).padStart(2, '0')}`),
    );
    expect(plan.history.map((h) => h.seq)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
  });

  it("every 专栏1 row keeps the seed's name, unit and group", () => {
    for (const { group, cells } of box1) {
      const row = historyBySeq.get(Number(cells[1]))!;
      expect(row.group, `row ${cells[1]}`).toBe(group);
      // 专栏1 row 36 writes its unit with ASCII brackets: 森林覆盖率(%)
      expect([fullName(row), `${row.nameZh}(${row.unit})`], `row ${cells[1]}`).toContain(cells[2]);
      expect(row.source).toEqual({ box: '专栏1', row: Number(cells[1]) });
    }
  });

  it('every 专栏1 row has an English name, the same as its indicator’s where the Chinese names agree', () => {
    for (const row of plan.history) {
      expect(row.nameEn, row.id).toMatch(/^[^\p{Script=Han}]+$/u);
      for (const indicator of plan.indicators.filter((i) => i.history.includes(row.id) && i.nameZh === row.nameZh)) {
        expect(row.nameEn, `${row.id} / ${indicator.id}`).toBe(indicator.nameEn);
      }
    }
  });

  it('every 2015 and 2020 actual matches the seed, for all 36 rows', () => {
    for (const { cells } of box1) {
      const row = historyBySeq.get(Number(cells[1]))!;
      expect(row.actual2015, `row ${cells[1]} 2015`).toEqual(expectedCell(cells[4]!));
      expect(row.actual2020, `row ${cells[1]} 2020`).toEqual(expectedCell(cells[5]!));
    }
  });

  it('every 十三五 target and completion remark matches the seed', () => {
    for (const { cells } of box1) {
      const row = historyBySeq.get(Number(cells[1]))!;
      expect(row.target2020, `row ${cells[1]} target`).toEqual(expectedCell(cells[3]!));
      expect(row.remark, `row ${cells[1]} remark`).toBe(cells[6]!.trim());
    }
    expect(historyBySeq.get(18)!.target2020).toEqual({ kind: 'qualitative', text: '4.0以下(原:1.2以下)' });
    expect(historyBySeq.get(12)!.target2020).toEqual({ kind: 'qualitative', text: '800-900' });
    expect(historyBySeq.get(7)!.actual2020).toEqual({ kind: 'missing', raw: '-' });
    expect(historyBySeq.get(23)!.remark).toBe('已完成');
  });

  it("every indicator's history refs exist and name a row measuring the same thing", () => {
    const ids = new Set(plan.history.map((h) => h.id));
    for (const ind of plan.indicators)
      for (const ref of ind.history) expect(ids.has(ref), `${ind.id} → ${ref}`).toBe(true);
    expect(indicator('gdp').history).toEqual(['h13-01']);
    // Where both plans report a 2020 value for the linked row, the values agree.
    for (const ind of plan.indicators) {
      for (const ref of ind.history) {
        const row = plan.history.find((h) => h.id === ref)!;
        if (ind.baseline.kind === 'number' && row.actual2020.kind === 'number') {
          expect(row.actual2020.value, `${ind.id} baseline vs ${ref}`).toBe(ind.baseline.value);
        }
      }
    }
  });
});

describe('projects', () => {
  it('have unique ids', () => {
    expect(new Set(plan.projects.map((p) => p.id)).size).toBe(plan.projects.length);
  });

  it('have titles, source texts and goal texts that appear verbatim in the seed', () => {
    for (const p of plan.projects) {
      expect(seed, p.id).toContain(p.titleZh);
      expect(p.source.text, p.id).toBeDefined();
      expect(seed, `${p.id} source`).toContain(p.source.text!);
      expect(p.source.text!, `${p.id} title in source`).toContain(p.titleZh);
      for (const goal of p.goals) expect(p.source.text!, `${p.id} goal ${goal.raw}`).toContain(goal.raw);
    }
  });

  it('name the 专栏 box they come from, with its seed title', () => {
    for (const p of plan.projects) {
      expect(p.source.box).toBe(`专栏${p.box}`);
      const heading = seedLines.find((line) => new RegExp(`专栏${p.box}(?!\\d)`).test(line));
      expect(heading, p.id).toBeDefined();
      expect(heading!.replace(/^\s*专栏\d+\s*/, '').trim(), p.id).toBe(p.boxTitle);
      expect(p.id.startsWith(`b${String(p.box).padStart(2, '0')}-`), p.id).toBe(true);
    }
  });

  it('claim no status or progress the plan text does not give', () => {
    for (const p of plan.projects) expect([p.status, p.progress], p.id).toEqual(['unknown', 0]);
  });

  it('goal values are the numbers written in their raw text', () => {
    for (const p of plan.projects) {
      for (const goal of p.goals) {
        const numbers = (goal.raw.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
        if (goal.raw.includes('一所')) numbers.push(1); // 新建一所优质中学
        expect(numbers, `${p.id} ${goal.raw}`).toContain(goal.value);
      }
    }
  });

  it('cover every named project of 专栏7, by 板块', () => {
    const box7 = seedLines.slice(seedLines.findIndex((l) => l.includes('专栏7 城市建设重大项目')));
    for (const area of ['古城文旅活力板块', '滨江商务服务板块', '中部产居融合板块', '浅山产业提升板块']) {
      const line = box7.find((l) => l.includes(`${area}：`))!;
      const list = line.split('：')[1]!.replace(/等。$/, '');
      // split on 、 outside brackets: 南迎宾大道（登峰、亭店）片区改造项目 is one project
      const names = list.split(/、(?![^（]*）)/);
      const titles = plan.projects.filter((p) => p.box === 7 && p.area === area).map((p) => p.titleZh);
      expect(titles, area).toEqual(names);
    }
    expect(plan.projects.filter((p) => p.box === 7)).toHaveLength(25);
  });

  it('cover the four numbered 交通路网建设重大项目 of 专栏19 with their lengths and widths', () => {
    const box19 = plan.projects.filter((p) => p.box === 19);
    expect(box19.map((p) => p.titleZh)).toEqual([
      '站前大道K2地块配套市政道路工程',
      '站前大道鲤城段（南环路至池峰路）道路工程',
      '泉州古城交通疏解快速通道项目',
      '鲤城林荫大道（笋江路至浮桥街）项目',
    ]);
    expect(box19[0]!.goals.map((g) => [g.value, g.unit])).toEqual([
      [688, '米'],
      [18, '米'],
      [230, '米'],
      [18, '米'],
    ]);
    expect(box19[1]!.goals.map((g) => [g.value, g.unit])).toEqual([
      [2088, '米'],
      [60, '米'],
    ]);
    expect(box19[3]!.goals.map((g) => [g.value, g.unit])).toEqual([
      [34, '米'],
      [1.25, '公里'],
    ]);
  });

  it('carry the 专栏20 digital-government goals for 2025', () => {
    const gov = plan.projects.find((p) => p.titleZh === '政务服务数字化工程')!;
    expect(gov.goals.map((g) => [g.value, g.unit, g.year])).toEqual([
      [95, '%', 2025],
      [95, '%', 2025],
      [75, '%', 2025],
      [90, '%', 2025],
    ]);
    expect(plan.projects.some((p) => p.titleZh === '智慧城市建设架构搭建')).toBe(true);
  });

  it('carry the 专栏24 education goals and the 8 school construction projects', () => {
    const values = plan.projects.filter((p) => p.box === 24).flatMap((p) => p.goals.map((g) => g.value));
    for (const v of [100, 62, 90, 99.5, 96, 95, 8000]) expect(values).toContain(v);
    const schools = plan.projects.filter((p) => p.box === 24 && p.source.text?.includes('8个教育项目建设'));
    // 6 entries: five single schools and one entry for the three playground renovations (8 projects in all)
    expect(schools.map((p) => p.titleZh)).toEqual([
      '江南花园城配套小学二期工程',
      '龙头山配套小学',
      '常泰中心小学建设',
      '福师大泉州附属中学学生宿舍楼',
      '通政中心小学北校区扩容工程',
      '黄石小学、上村小学、明新中心小学操场改造',
    ]);
  });

  it('cover both 专栏25 programmes and each project in them', () => {
    const box25 = plan.projects.filter((p) => p.box === 25);
    expect(new Set(box25.map((p) => p.area))).toEqual(new Set(['防控救治能力建设工程', '医疗服务能力提升工程']));
    expect(box25).toHaveLength(7);
  });
});
