import { readFileSync } from 'node:fs';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/plan/document.js';
import { loadPlan as readBuiltInPlan, parsePlan } from '../../shared/plan/load.js';
import type { HistoryRow } from '../../shared/plan/schema.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { definitionItem } from '../../shared/store/items.js';
import { historyKey } from '../../shared/store/keys.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { testApp } from '../helpers/api.js';
import { legacyHistoryRow } from '../helpers/legacy-history.js';
import { useStore } from '../helpers/store.js';

/**
 * The previous plan's years come from the data: a 15th plan whose results table reports the 14th
 * plan (2020–2025) shows 2020 and 2025 on its pages, in its API answers and in its open data; and
 * the 14th plan stored with its rows in the format's first shape (years in the field names) still
 * reads with 2015 and 2020.
 */
const store = useStore();
const fourteenth = readBuiltInPlan();
const sample = parsePlan(JSON.parse(readFileSync('tests/fixtures/plans/sample-15th.json', 'utf8')));

/** The synthetic 15th plan, with one row of the 14th plan's results (synthetic too) for its gdp. */
const PREVIOUS_GDP: HistoryRow = {
  id: 'h14-01',
  seq: 1,
  group: '经济发展',
  nameZh: '地区生产总值',
  nameEn: 'Gross domestic product (GDP)',
  unit: '亿元',
  baselineYear: 2020,
  baseline: { kind: 'number', value: 438.08, raw: '438.08' },
  targetYear: 2025,
  target: { kind: 'number', value: 650, raw: '650' },
  actual: { kind: 'number', value: 600, raw: '600' },
  remark: '未完成（示例）',
  source: { box: '专栏1', row: 1 },
};
const fifteenth: Plan = {
  ...sample,
  history: [PREVIOUS_GDP],
  indicators: sample.indicators.map((i) => (i.id === 'gdp' ? { ...i, history: [PREVIOUS_GDP.id] } : i)),
};

let app: ReturnType<typeof testApp>['app'];
const page = async (path: string, lang: 'zh-CN' | 'en') =>
  (await app.request(path, { headers: { Cookie: `lang=${lang}` } })).text();
const api = async (path: string) => {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as { historyRows: HistoryRow[] };
};

beforeAll(async () => {
  ({ app } = testApp(store.current, { clock: () => new Date('2027-05-01T04:00:00Z') }));
  await loadPlan(store.current, fourteenth);
  await loadPlan(store.current, fifteenth);
  // The 14th plan's rows as a store written before the years were data holds them.
  const { client, tableName } = store.current;
  const items = fourteenth.history.map((row) =>
    definitionItem(historyKey(fourteenth.id, row.id), 'history', legacyHistoryRow(row)),
  );
  for (let i = 0; i < items.length; i += 25)
    await client.send(
      new BatchWriteCommand({
        RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
});

describe('the previous plan’s years', () => {
  it('of a plan stored with the old year-named fields are read as 2015 and 2020, the years those names stated', async () => {
    const plans = planRepository(store.current);
    expect((await plans.snapshot(fourteenth.id))!.history).toEqual(fourteenth.history);
    const listed = await plans.listHistory(fourteenth.id);
    expect(listed.find((row) => row.id === 'h13-01')).toEqual(fourteenth.history[0]);
    const { historyRows } = await api('/api/v1/plans/licheng-14th/indicators/gdp');
    expect(historyRows[0]).toMatchObject({ baselineYear: 2015, targetYear: 2020, actual: { value: 438.08 } });
    expect(await page('/plans/licheng-14th/indicators/gdp', 'zh-CN')).toContain('265.99 亿元（2015年）');
  });

  it('of a 15th plan reporting the 14th are 2020 and 2025 on its indicator page, in both languages', async () => {
    const zh = await page('/plans/sample-15th/indicators/gdp', 'zh-CN');
    expect(zh).toContain('上一规划期（地区生产总值）：438.08 亿元（2020年）、600 亿元（2025年）');
    expect(zh).toContain('<th scope="row">2020</th>');
    expect(zh).toContain('<th scope="row">2025</th><td>600</td>');
    expect(zh).not.toContain('（2015年）');
    const en = await page('/plans/sample-15th/indicators/gdp', 'en');
    expect(en).toMatch(/In the previous plan \(Gross domestic product \(GDP\)\): [^<(]+ \(2020\), [^<(]+ \(2025\)\./);
  });

  it('of a 15th plan are in its API answer and its open data, as values, never in a column’s name', async () => {
    const { historyRows } = await api('/api/v1/plans/sample-15th/indicators/gdp');
    expect(historyRows).toEqual([PREVIOUS_GDP]);
    const res = await app.request('/api/v1/plans/sample-15th/open-data/history.csv');
    expect(res.status).toBe(200);
    const rows = parse<Record<string, string>>(await res.text(), { bom: true, columns: true });
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).filter((name) => /\d{4}/.test(name))).toEqual([]);
    expect(rows[0]).toMatchObject({
      plan_id: 'sample-15th',
      id: 'h14-01',
      previous_baseline_year: '2020',
      previous_baseline: '438.08',
      previous_target_year: '2025',
      previous_target: '650',
      previous_actual: '600',
    });
  });
});
