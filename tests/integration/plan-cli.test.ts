import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/plan/document.js';
import { PLAN_FORMAT_SCHEMA_PATH } from '../../shared/plan/format.js';
import { loadPlan } from '../../shared/plan/load.js';
import { TSX } from '../helpers/local-server.js';
import { testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * `npm run plan` as an operator runs it: the real entry in a child process, against the embedded
 * dynalite of a fresh DATA_DIR (as npm start keeps it), and against a table given by --table and
 * --endpoint (as in AWS). Asynchronous spawns: the in-process dynalite answers from this process.
 */

const store = useStore();
const licheng = loadPlan();
let dir = '';
let dataDir = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function plan(args: string[], env: Record<string, string> = { DATA_DIR: dataDir }): Promise<Run> {
  const { DYNAMODB_ENDPOINT: _endpoint, TABLE_NAME: _table, ...inherited } = process.env;
  const child = spawn(TSX, ['functions/local/plan-cli.ts', ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

async function file(name: string, data: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return path;
}

interface Listed {
  id: string;
  period: string;
  indicators: number;
  history: number;
  projects: number;
  observations: number;
  contentHash: string;
}
const listed = async (env?: Record<string, string>): Promise<Listed[]> => {
  const run = await plan(['list', '--json'], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listed[];
};

/** A small next plan: other ids, 2026–2030, one indicator where lower is better, one qualitative. */
function nextPlan(): Plan {
  const [gdp, pm25] = [
    licheng.indicators.find((i) => i.id === 'gdp')!,
    licheng.indicators.find((i) => i.id === 'pm25-concentration')!,
  ];
  const years = { baselineYear: 2025, targetYear: 2030, history: [] };
  return {
    ...licheng,
    id: 'sample-15th',
    titleZh: '示例：第十五个五年规划（测试用）',
    titleEn: 'Sample 15th Five-Year Plan (test fixture)',
    periodStart: 2026,
    periodEnd: 2030,
    baselineYear: 2025,
    indicators: [
      { ...gdp, ...years, id: 'gdp-15', seq: 1, stretch: null },
      { ...pm25, ...years, id: 'pm25-15', seq: 2, target: { kind: 'number', value: 0.018, raw: '0.018' } },
      {
        ...pm25,
        ...years,
        id: 'forest-15',
        seq: 3,
        direction: 'higher',
        measure: 'share',
        target: { kind: 'qualitative', text: '完成市下达目标' },
      },
    ],
    history: [],
    projects: [
      {
        ...licheng.projects[0]!,
        id: 'p15-parks',
        goals: [{ description: '新建公园', value: 5, unit: '个', year: 2028, raw: '新建公园5个' }],
      },
    ],
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongping-plan-cli-'));
  dataDir = join(dir, 'data');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run plan, on the local store of a DATA_DIR', () => {
  it('checks a file without touching any store: exit 0 for a good one, 1 with every problem for a bad one', async () => {
    const good = await plan(['check', 'shared/plan/licheng-14th.json']);
    expect(good).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(
        'a valid plan file: plan licheng-14th, 2021–2025, 31 indicators, 36 history rows, 69 projects',
      ),
    });

    const broken = structuredClone(licheng) as Plan & Record<string, unknown>;
    broken.indicators[1]!.id = 'gdp';
    broken.indicators[2]!.targetYear = 2019;
    (broken.projects[0] as Record<string, unknown>).colour = 'red';
    const bad = await plan(['check', await file('bad.json', broken)]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('bad.json: 4 problems; nothing was written');
    expect(bad.stderr).toContain(
      '  indicators[1].id (indicator gdp): duplicate indicator id "gdp": indicators[0] has it too',
    );
    expect(bad.stderr).toContain(
      `  indicators[2].targetYear (indicator ${licheng.indicators[2]!.id}): the target year 2019 is not after the baseline year 2020`,
    );
    expect(bad.stderr).toContain(
      `  projects[0].colour (project ${licheng.projects[0]!.id}): not a field of the plan format`,
    );

    const notJson = await plan(['check', await file('broken.json', '{\n  "id": "x",\n}')]);
    expect(notJson).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/\(whole file\): not JSON: line 3 column 1/),
    });
    expect(await plan(['check', join(dir, 'no-such-file.json')])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no such file'),
    });
    expect(await plan(['check'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: npm run plan -- <command>'),
    });
    expect(await plan(['publish', 'x.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command publish'),
    });
    // No store was opened: the data folder was never made. Listing opens it, and finds nothing.
    await expect(stat(dataDir)).rejects.toThrow();
    expect(await listed()).toEqual([]);
  }, 60_000);

  it('imports a plan, finds nothing to do the second time, and lists it with its counts, status and content hash', async () => {
    const first = await plan(['import', 'shared/plan/licheng-14th.json', '--status', 'published']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^loaded plan licheng-14th into dynalite at .+ \(table gongping\): 31 indicators, 36 history rows, 69 projects\nplan licheng-14th is published\n$/,
    );
    const again = await plan(['import', 'shared/plan/licheng-14th.json']);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('plan licheng-14th in dynalite at') });
    expect(again.stdout).toContain('is already this version: nothing written');

    const next = await plan(['import', await file('next.json', nextPlan())]);
    expect(next).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('loaded plan sample-15th into dynalite at'),
    });
    // A new plan without --status is a draft, which staff review before citizens see it.
    expect(next.stdout).toContain('plan sample-15th is draft: staff see it; publish it on /staff/plans');
    expect(await plan(['import', await file('next.json', nextPlan()), '--status', 'closed'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('a draft plan cannot become closed'),
    });
    expect(await plan(['import', 'next.json', '--status', 'finished'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--status: one of draft, published, closed'),
    });

    const plans = await listed();
    expect(plans.map(({ contentHash: _hash, ...rest }) => rest)).toEqual([
      {
        id: 'licheng-14th',
        titleZh: licheng.titleZh,
        titleEn: licheng.titleEn,
        period: '2021–2025',
        indicators: 31,
        history: 36,
        projects: 69,
        observations: 0,
        status: 'published',
      },
      {
        id: 'sample-15th',
        titleZh: '示例：第十五个五年规划（测试用）',
        titleEn: 'Sample 15th Five-Year Plan (test fixture)',
        period: '2026–2030',
        indicators: 3,
        history: 0,
        projects: 1,
        observations: 0,
        status: 'draft',
      },
    ]);
    expect(plans[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const text = await plan(['list']);
    expect(text.stdout).toContain('2 plans in dynalite at');
    expect(text.stdout).toContain('licheng-14th  2021–2025  published  Outline of the 14th Five-Year Plan');
    expect(text.stdout).toContain('  31 indicators, 36 history rows, 69 projects, 0 published value revisions');
  }, 60_000);

  it('writes nothing for a bad file, nor for one that would drop items the store has', async () => {
    const before = await listed();

    const bad = structuredClone(licheng);
    bad.titleEn = 'A title that must not arrive';
    bad.projects[1]!.id = bad.projects[0]!.id;
    const refused = await plan(['import', await file('bad-import.json', bad)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`projects[1].id (project ${licheng.projects[0]!.id}): duplicate project id`);

    const badNew = { ...nextPlan(), id: 'never-loaded', periodEnd: 2025 };
    expect((await plan(['import', await file('bad-new.json', badNew)])).code).toBe(1);

    const shorter = { ...licheng, titleEn: 'Shorter', indicators: licheng.indicators.slice(1) };
    const dropping = await plan(['import', await file('dropping.json', shorter)]);
    expect(dropping.code).toBe(1);
    expect(dropping.stderr).toContain('plan licheng-14th in dynalite at');
    expect(dropping.stderr).toContain('has items this file does not: indicator gdp.');
    expect(dropping.stderr).toContain('Nothing was written.');

    expect(await listed()).toEqual(before);
  }, 60_000);
});

describe('npm run plan, on a table given as npm run seed takes it', () => {
  it('imports into and lists that table, and never creates one', async () => {
    const target = await store.tableArgs();
    const imported = await plan(['import', 'shared/plan/licheng-14th.json', ...target], {});
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`loaded plan licheng-14th into table ${store.current.tableName}: 31 indicators`);
    const items = await store.scanAll();
    expect(items.filter((item) => item.PK === 'PLAN#licheng-14th')).toHaveLength(1 + 31 + 36 + 69);

    const list = await plan(['list', '--json', ...target], {});
    expect((JSON.parse(list.stdout) as Listed[]).map((p) => p.id)).toEqual(['licheng-14th']);

    const missing = await plan(
      [
        'import',
        'shared/plan/licheng-14th.json',
        ...target.map((arg) => (arg === store.current.tableName ? 'no-such-table' : arg)),
      ],
      {},
    );
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('no such table') });
    expect(await plan(['import', 'shared/plan/licheng-14th.json', '--table', 'gongping'], {})).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--region'),
    });
  }, 60_000);
});

describe('the format’s JSON Schema on the site', () => {
  it(`is served at ${PLAN_FORMAT_SCHEMA_PATH} as application/schema+json, the committed file byte for byte`, async () => {
    const { app } = testApp(store.current);
    const res = await app.request(PLAN_FORMAT_SCHEMA_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/schema+json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toBe(
      await readFile(new URL('../../shared/plan/plan-format.schema.json', import.meta.url), 'utf8'),
    );
    expect((await app.request(`${PLAN_FORMAT_SCHEMA_PATH}?x=1`)).status).toBe(400);
  });
});
