import { describe, expect, it } from 'vitest';
import { box1, box3, expectedCell, fullName, historyBySeq, indicator, plan } from '../helpers/plan-seed.js';

/** The 13th plan's results (专栏1) in licheng-14th.json, against the seed, and the seed's tables as read. */

describe('seed parser sanity', () => {
  it('finds all 31 rows of 专栏3 and all 36 rows of 专栏1 in the seed', () => {
    expect(box3.map((r) => Number(r.cells[1]))).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(box1.map((r) => Number(r.cells[1]))).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
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

  it('every row states the 13th plan’s years, 2015 and 2020, as data', () => {
    for (const row of plan.history) {
      expect([row.baselineYear, row.targetYear], row.id).toEqual([2015, 2020]);
    }
  });

  it('every 2015 and 2020 actual matches the seed, for all 36 rows', () => {
    for (const { cells } of box1) {
      const row = historyBySeq.get(Number(cells[1]))!;
      expect(row.baseline, `row ${cells[1]} 2015`).toEqual(expectedCell(cells[4]!));
      expect(row.actual, `row ${cells[1]} 2020`).toEqual(expectedCell(cells[5]!));
    }
  });

  it('every 十三五 target and completion remark matches the seed', () => {
    for (const { cells } of box1) {
      const row = historyBySeq.get(Number(cells[1]))!;
      expect(row.target, `row ${cells[1]} target`).toEqual(expectedCell(cells[3]!));
      expect(row.remark, `row ${cells[1]} remark`).toBe(cells[6]!.trim());
    }
    expect(historyBySeq.get(18)!.target).toEqual({ kind: 'qualitative', text: '4.0以下(原:1.2以下)' });
    expect(historyBySeq.get(12)!.target).toEqual({ kind: 'qualitative', text: '800-900' });
    expect(historyBySeq.get(7)!.actual).toEqual({ kind: 'missing', raw: '-' });
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
        if (ind.baseline.kind === 'number' && row.actual.kind === 'number') {
          expect(row.actual.value, `${ind.id} baseline vs ${ref}`).toBe(ind.baseline.value);
        }
      }
    }
  });
});
