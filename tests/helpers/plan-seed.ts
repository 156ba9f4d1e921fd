import { readFileSync } from 'node:fs';
import { loadPlan } from '../../shared/plan/load.js';
import type { Cell, HistoryRow, Indicator } from '../../shared/plan/schema.js';

/*
 * The published plan text (the seed) as the plan data tests read it, to check licheng-14th.json
 * against it, so the JSON cannot drift from the source without a failing test.
 *
 * Seed tables are flattened: a line starting with a tab opens a cell, a line without one continues
 * the previous cell (e.g. "经济\n发展"), and a blank line ends a table row.
 */

const SEED_URL = new URL('../../../shared/seeds/000_e3009caee327b07f.txt', import.meta.url);
export const seedBytes = readFileSync(SEED_URL);
export const seed = seedBytes.toString('utf8');
export const seedLines = seed.split('\n');

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
export function expectedCell(text: string): Cell {
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'number', value: Number(text), raw: text };
  if (text === '' || text === '-' || text === '--') return { kind: 'missing', raw: text };
  return { kind: 'qualitative', text };
}

/** A name as the seed's tables print it: with its unit in full-width brackets. */
export const fullName = (item: { nameZh: string; unit: string }) => item.nameZh + (item.unit ? `（${item.unit}）` : '');

/** 专栏3, the 14th plan's indicators, and 专栏1, how the 13th plan's ended. */
export const box3 = withGroups(tableRows(sectionLines('专栏3“十四五”经济社会发展主要指标', '第三章')));
export const box1 = withGroups(tableRows(sectionLines('专栏1“十三五”规划纲要指标完成情况', '第二节 发展环境')));

/** The plan file as the app loads it, with its rows by 序号 and id. */
export const plan = loadPlan();
export const bySeq = new Map<number, Indicator>(plan.indicators.map((i) => [i.seq, i]));
export const historyBySeq = new Map<number, HistoryRow>(plan.history.map((h) => [h.seq, h]));
const byId = new Map<string, Indicator>(plan.indicators.map((i) => [i.id, i]));

export function indicator(id: string): Indicator {
  const found = byId.get(id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}
