import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellValue, Column } from '../../shared/open-data/columns.js';
import { DATASET_IDS, publishedColumns, type DatasetId } from '../../shared/open-data/datasets.js';
import { dictionaryMarkdown } from '../../shared/open-data/dictionary.js';
import { jsonDatasetSchema, toCsv } from '../../shared/open-data/format.js';
import { parsePlan, loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { Observation } from '../../shared/plan/observation.js';
import { aggregate } from '../../shared/ratings/aggregate.js';
import { targetIndexOf } from '../../shared/ratings/target-index.js';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { feedbackShard } from '../../shared/store/keys.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { json, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
const plan = readPlanFile();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
const voterIds: string[] = [];

const FORMULA = '=HYPERLINK("http://example.org","点我")';
const TRICKY = '数据好，但"同比"口径请说明,\n第二行：逗号, 引号" 和换行';
const PENDING = '这条留言还没有审核';

beforeAll(async () => {
  await loadPlan(store.current, plan);
  const plans = planRepository(store.current);
  const who = { recordedBy: '区统计局', source: '鲤城区统计年鉴' };
  await plans.appendObservation(
    plan.id,
    { indicatorId: 'gdp', year: 2021, value: 476.2, reason: '首次公布', ...who },
    new Date('2022-03-15T02:00:00Z'),
  );
  await plans.appendObservation(
    plan.id,
    { indicatorId: 'gdp', year: 2021, value: 474.9, reason: '依据第四次经济普查修订', ...who },
    new Date('2022-09-01T02:00:00Z'),
  );
  await plans.appendObservation(
    plan.id,
    { indicatorId: 'gdp', year: 2022, value: 503.9, reason: '首次公布', ...who },
    new Date('2023-03-15T02:00:00Z'),
  );

  let tick = 0;
  ({ app, deps } = testApp(store.current, {
    clock: () => new Date(Date.parse('2026-05-20T04:00:00Z') + 1000 * tick++),
    minRatings: 2,
  }));
  const submissions: Array<[string, string, number, string | null, boolean]> = [
    ['indicator', 'gdp', 4, FORMULA, true],
    ['indicator', 'gdp', 2, TRICKY, true],
    ['indicator', 'gdp', 5, PENDING, false],
    ['indicator', 'pm25-concentration', 3, null, false],
    ['project', plan.projects[0]!.id, 5, null, false],
  ];
  for (const [targetType, targetId, rating, comment, publish] of submissions) {
    const issued = deps.voterTokens.issue();
    voterIds.push(issued.voterId);
    const res = await app.request(
      '/api/v1/feedback',
      json({ targetType, targetId, rating, ...(comment ? { comment } : {}) }, { 'X-Voter-Token': issued.token }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { feedbackId: string; recordedAt: string };
    if (publish) {
      const shard = feedbackShard(issued.voterId, targetType as 'indicator', targetId);
      await deps.moderation.setCommentStatus(
        { shard, ...body },
        'published',
        new Date(Date.parse(body.recordedAt) + 60_000),
      );
    }
  }
  const snapshot = (await plans.snapshot(plan.id))!;
  await aggregate({
    repo: aggregationRepository(store.current),
    targets: () => Promise.resolve(targetIndexOf(snapshot)),
    clock: () => new Date('2026-06-01T00:00:00Z'),
    settleMs: 0,
    maxBatch: 1000,
    minRatings: 2,
  });
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const download = async (id: DatasetId) => {
  const [csvRes, jsonRes] = await Promise.all([
    get(`/api/v1/open-data/${id}.csv`),
    get(`/api/v1/open-data/${id}.json`),
  ]);
  expect(csvRes.status).toBe(200);
  expect(jsonRes.status).toBe(200);
  const bytes = new Uint8Array(await csvRes.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return {
    csvRes,
    jsonRes,
    bytes,
    text,
    rows: parse<Record<string, string>>(text, { bom: true, columns: true }),
    json: (await jsonRes.json()) as { rows: Record<string, CellValue>[] },
  };
};

/** What a JSON value must look like in the CSV. */
const asCsv = (column: Column<never>, value: CellValue) => {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return column.freeText && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
};

describe('open data downloads', () => {
  it.each(DATASET_IDS)(
    '%s: CSV (UTF-8 with BOM, header from the dictionary) and JSON hold the same rows and values',
    async (id) => {
      const { csvRes, jsonRes, bytes, rows, json: body } = await download(id);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(csvRes.headers.get('content-disposition')).toBe(`attachment; filename="licheng-14th-${id}.csv"`);
      expect(jsonRes.headers.get('content-disposition')).toBe(`inline; filename="licheng-14th-${id}.json"`);
      for (const res of [csvRes, jsonRes]) {
        expect(res.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=600');
        expect(res.headers.get('etag')).toMatch(/^"/);
      }
      expect(jsonDatasetSchema(id).safeParse(body).error).toBeUndefined();
      // Every dataset starts with the plan its rows belong to.
      const columns = publishedColumns(id, 'licheng-14th') as ReadonlyArray<Column<never>>;
      expect(columns[0]!.name).toBe('plan_id');
      expect(body.rows.every((row) => row.plan_id === 'licheng-14th')).toBe(true);
      expect(Object.keys(rows[0] ?? Object.fromEntries(columns.map((c) => [c.name, ''])))).toEqual(
        columns.map((c) => c.name),
      );
      expect(rows).toHaveLength(body.rows.length);
      rows.forEach((row, i) => {
        for (const column of columns)
          expect(row[column.name], `${id} row ${i} ${column.name}`).toBe(asCsv(column, body.rows[i]![column.name]!));
      });
    },
  );

  it('answers 304 to a client that holds the same version', async () => {
    const first = await get('/api/v1/open-data/indicators.csv');
    const again = await get('/api/v1/open-data/indicators.csv', { 'If-None-Match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('publishes the plan as data: 31 indicators, 36 history rows, every project, with the texts the numbers were read from', async () => {
    const [indicators, history, projects] = await Promise.all([
      download('indicators'),
      download('history'),
      download('projects'),
    ]);
    expect(indicators.rows.map((r) => r.id)).toEqual(plan.indicators.map((i) => i.id));
    expect(history.rows).toHaveLength(36);
    // The previous plan's years are values of each row, never part of a column's name.
    expect(Object.keys(history.rows[0]!).filter((name) => /\d{4}/.test(name))).toEqual([]);
    expect(history.rows[0]).toMatchObject({
      id: 'h13-01',
      previous_baseline_year: '2015',
      previous_baseline: '265.99',
      previous_target_year: '2020',
      previous_target: '380',
      previous_actual: '438.08',
      previous_actual_text: '438.08',
    });
    expect(projects.rows).toHaveLength(plan.projects.length);
    const gdp = indicators.rows.find((r) => r.id === 'gdp')!;
    expect(gdp).toMatchObject({
      name_zh: '地区生产总值',
      unit: '亿元',
      baseline: '438.08',
      target: '650',
      growth_percent: '7',
      growth_at_least: 'true',
      latest_year: '2022',
      latest_value: '503.9',
    });
    expect(gdp.status).toMatch(/^(on_track|needs_acceleration|limited_progress|deteriorating|achieved)$/);
    // A target the plan states in words is empty as a number and kept as printed.
    const qualitative = plan.indicators.find((i) => i.target.kind === 'qualitative')!;
    const row = indicators.rows.find((r) => r.id === qualitative.id)!;
    expect(row.target).toBe('');
    expect(row.target_text).toBe(qualitative.target.kind === 'qualitative' ? qualitative.target.text : '');
  });

  it('publishes every revision of every value, with who, when and why, and which one is current', async () => {
    const { rows } = await download('observations');
    expect(rows.map((r) => [r.indicator_id, r.year, r.revision, r.value, r.current])).toEqual([
      ['gdp', '2021', '1', '476.2', 'false'],
      ['gdp', '2021', '2', '474.9', 'true'],
      ['gdp', '2022', '1', '503.9', 'true'],
    ]);
    expect(rows[1]).toMatchObject({
      recorded_by: '区统计局',
      reason: '依据第四次经济普查修订',
      recorded_at: '2022-09-01T02:00:00.000Z',
      data_source: '鲤城区统计年鉴',
      unit: '亿元',
    });
  });

  it('plan.json is the plan file’s shape, valid against the plan schema, with every observation revision', async () => {
    const res = await get('/api/v1/open-data/plan.json');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="licheng-14th-plan.json"');
    const { observations, ...rest } = (await res.json()) as Record<string, unknown> & { observations: unknown[] };
    const parsed = parsePlan(rest);
    expect(parsed.indicators).toEqual(plan.indicators);
    expect(parsed.history).toEqual(plan.history);
    expect(new Set(parsed.projects.map((p) => p.id))).toEqual(new Set(plan.projects.map((p) => p.id)));
    expect(observations.map((o) => Observation.parse(o))).toHaveLength(3);
  });

  it('ratings: the published aggregates of every period with data, as the ratings API publishes them', async () => {
    const { json: body } = await download('ratings');
    const periods = [...new Set(body.rows.map((r) => r.period))];
    expect(periods).toEqual(['all', '2026', '2026-05']);
    const apiAll = (await (await get('/api/v1/indicators/gdp/ratings?period=all')).json()) as {
      summary: Record<string, unknown>;
    };
    const row = body.rows.find((r) => r.period === 'all' && r.scope === 'indicator#gdp')!;
    expect(row).toMatchObject({
      count: 3,
      level_5: 1,
      level_4: 1,
      level_2: 1,
      mean: apiAll.summary.mean,
      bayesian_mean: apiAll.summary.bayesianMean,
      rank: apiAll.summary.rank,
    });
    expect(body.rows.find((r) => r.period === '2026-05' && r.kind === 'plan')).toMatchObject({ count: 5 });
  });

  it('comments: only published ones, exactly as the public page shows them, with nothing about the voter', async () => {
    const { text, rows, json: body } = await download('comments');
    expect(body.rows.map((r) => r.comment).sort()).toEqual([FORMULA, TRICKY].sort());
    expect(text).not.toContain(PENDING);
    for (const voterId of voterIds) expect(text).not.toContain(voterId);
    expect(JSON.stringify(body)).not.toMatch(/voter/i);
    // A spreadsheet must not run a comment as a formula; the JSON keeps the exact text.
    expect(rows.map((r) => r.comment)).toContain(`'${FORMULA}`);
    expect(rows.map((r) => r.comment)).toContain(TRICKY);
    const page = (await (await get('/api/v1/indicators/gdp/comments')).json()) as {
      items: Array<{ feedbackId: string; comment: string }>;
    };
    expect(new Set(body.rows.map((r) => r.feedback_id))).toEqual(new Set(page.items.map((c) => c.feedbackId)));
  });

  it('refuses query parameters like every other route', async () => {
    const res = await get('/api/v1/open-data/indicators.csv?colour=red');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('CSV encoding', () => {
  it('round-trips any text through a CSV parser: quotes, commas, line breaks, Chinese, emoji', () => {
    const base = {
      feedbackId: 'f',
      planId: 'licheng-14th',
      targetType: 'indicator' as const,
      targetId: 'gdp',
      rating: 3 as const,
      recordedAt: '2026-01-01T00:00:00.000Z',
      publishedAt: '2026-01-01T00:00:00.000Z',
      replies: [],
      underReview: false,
    };
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1 }), { minLength: 1, maxLength: 5 }),
        (comments) => {
          const csv = toCsv(
            'comments',
            'licheng-14th',
            comments.map((comment) => ({ comment: { ...base, comment }, targetNameZh: '地区生产总值' })),
          );
          const rows = parse<Record<string, string>>(csv, { bom: true, columns: true });
          expect(rows.map((r) => r.comment)).toEqual(comments.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the data dictionary', () => {
  it('GET /open-data describes every column of every dataset, from the same definitions, as a page without script and with one style its CSP allows by hash', async () => {
    const res = await get('/open-data');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).not.toMatch(/<script|style=/i);
    const style = /<style>([^<]*)<\/style>/.exec(html)![1]!;
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(res.headers.get('content-security-policy')).toContain(
      `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
    );
    for (const id of DATASET_IDS) {
      expect(html).toContain(`id="${id}"`);
      expect(html).toContain(`href="/api/v1/plans/licheng-14th/open-data/${id}.csv"`);
      for (const column of publishedColumns(id, '')) expect(html).toContain(`<code>${column.name}</code>`);
    }
  });

  it('docs/open-data.md holds the same tables', async () => {
    const markdown = await readFile(new URL('../../docs/open-data.md', import.meta.url), 'utf8');
    expect(markdown).toContain(dictionaryMarkdown());
  });
});
