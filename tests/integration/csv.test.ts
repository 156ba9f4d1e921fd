import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { OBSERVATION_COLUMNS } from '../../shared/publishing/observations.js';
import { AGGREGATE_COLUMNS, INDICATOR_COLUMNS, PROJECT_PROGRESS_COLUMNS } from '../../shared/publishing/exports.js';
import { importObservations } from '../../shared/publishing/publish.js';
import { testApp } from '../helpers/api.js';
import { crashingStore, InjectedCrash } from '../helpers/faults.js';
import { testIdentity } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let publisher: Record<string, string>;
let now = Date.parse('2026-03-02T02:00:00Z');

type Body = Record<string, any>;
const importCsv = async (
  kind: 'observations' | 'progress',
  text: string,
  query = '',
  contentType = 'text/csv; charset=utf-8',
) => {
  const res = await app.request(`/api/v1/publisher/import/${kind}${query}`, {
    method: 'POST',
    headers: { ...publisher, 'Content-Type': contentType },
    body: text,
  });
  now += 60_000;
  return { status: res.status, body: (await res.json()) as Body };
};
const exportCsv = async (name: string) => {
  const res = await app.request(`/api/v1/publisher/export/${name}`, { headers: publisher });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="gongping-[\w-]+-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  return new TextDecoder().decode(await res.arrayBuffer()); // the BOM is dropped on decoding
};
const stored = async () => (await store.scanAll()).filter((i) => i.type === 'observation').length;
const header = (text: string) => text.split('\r\n')[0];

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  const identity = await testIdentity();
  ({ app } = testApp(store.current, { staffAuth: identity.verifier, clock: () => new Date(now) }));
  publisher = await identity.bearer(['publisher'], { name: 'wu.data' });
});

describe('CSV import of values', () => {
  it('refuses a year outside the indicator’s own years (its baseline year to its target year), by line and column', async () => {
    const res = await importCsv('observations', 'indicator_id,year,value\ngdp,2026,700\ngdp,2019,400\n');
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ line: 2, column: 'year', reason: 'a year from 2020 to 2025, not "2026"' }),
      expect.objectContaining({ line: 3, column: 'year', reason: 'a year from 2020 to 2025, not "2019"' }),
    ]);
    expect(await stored()).toBe(0);
  });

  it('writes nothing when any row is bad, and reports every bad row by line, column and reason', async () => {
    const file = [
      'indicator_id,year,value,source,note',
      'gdp,2021,487.3,统计公报2021,',
      'no-such-indicator,2021,1,,',
      'gdp-per-capita,20x1,12.1,,',
      'general-budget-revenue,2021,"1,234.5",,',
      'gdp,2021,490,,',
      'tourist-visits,2021,,,',
      'gdp-per-capita,2022',
      '"retail-sales,2021,1',
    ].join('\n');
    const res = await importCsv('observations', file);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/nothing was imported/);
    const problems = res.body.problems as Array<{ line: number; column: string | null; reason: string }>;
    expect(problems.map((p) => [p.line, p.column])).toEqual(
      expect.arrayContaining([
        [3, 'indicator_id'],
        [4, 'year'],
        [5, 'value'],
        [6, 'year'], // gdp 2021 is already on line 2
        [7, 'value'],
        [8, null], // two cells where the header has five
      ]),
    );
    expect(problems.find((p) => p.line === 5)!.reason).toMatch(/thousands separators/);
    expect(problems.some((p) => /not readable as CSV/.test(p.reason))).toBe(true);
    expect(await stored()).toBe(0);
  });

  it('refuses unknown and missing columns, wrong media types, and files over the import limit', async () => {
    expect((await importCsv('observations', 'indicator_id,year,amount\ngdp,2021,1\n')).body.problems).toEqual([
      { line: 1, column: 'amount', reason: expect.stringMatching(/unknown column/) },
      { line: 1, column: 'value', reason: 'required column is missing' },
    ]);
    expect((await importCsv('observations', 'indicator_id,year\ngdp,2021\n')).body.problems).toEqual([
      { line: 1, column: 'value', reason: 'required column is missing' },
    ]);
    expect((await importCsv('observations', 'indicator_id,year,value\n', '', 'application/json')).status).toBe(415);
    const big = `indicator_id,year,value,note\n${'gdp,2021,1,'.padEnd(1000, 'x')}\n`.repeat(1100);
    expect((await importCsv('observations', big)).status).toBe(413);
    expect(await stored()).toBe(0);
  });

  it('validates without writing on a dry run, then writes every row of a good file', async () => {
    const file =
      'indicator_id,year,value,source\r\ngdp,2021,487.3,统计公报2021\r\ngdp,2022,512.9,统计公报2022\r\ngdp-per-capita,2021,12.1,\r\n';
    expect((await importCsv('observations', file, '?dryRun=true')).body).toEqual({
      dryRun: true,
      rows: 3,
      new: 3,
      corrections: 0,
      unchanged: 0,
    });
    expect(await stored()).toBe(0);
    const res = await importCsv('observations', file);
    expect(res).toMatchObject({ status: 201, body: { rows: 3, new: 3, corrections: 0, unchanged: 0 } });
    expect(await stored()).toBe(3);
    const gdp = (await (await app.request('/api/v1/indicators/gdp')).json()) as Body;
    expect(gdp.observations.map((o: Body) => [o.year, o.value])).toEqual([
      [2021, 487.3],
      [2022, 512.9],
    ]);
    expect(gdp.revisions[0].recordedBy).toBe('wu.data (dev|wu.data)');
  });

  it('round-trips: an export imports back unchanged, and an edited export becomes corrections with their reasons', async () => {
    const exported = await exportCsv('observations.csv');
    expect(header(exported)).toBe(OBSERVATION_COLUMNS.join(','));
    expect((await importCsv('observations', exported)).body).toEqual({
      dryRun: false,
      rows: 3,
      new: 0,
      corrections: 0,
      unchanged: 3,
    });
    expect(await stored()).toBe(3);

    // Edit one value without saying why: refused, with the line; then with a note: one correction.
    const lines = exported.split('\r\n');
    const gdp2022 = lines.findIndex((l) => l.startsWith('gdp,2022,'));
    const edited = [...lines];
    edited[gdp2022] = edited[gdp2022]!.replace('512.9', '515.2');
    const refused = await importCsv('observations', edited.join('\r\n'));
    expect(refused.body.problems).toEqual([
      { line: gdp2022 + 1, column: 'note', reason: expect.stringMatching(/correction must give its reason/) },
    ]);
    edited[gdp2022] = edited[gdp2022].replace(/^(gdp,2022,515\.2,[^,]*,)/, '$1年报修订');
    expect((await importCsv('observations', edited.join('\r\n'))).body).toMatchObject({
      new: 0,
      corrections: 1,
      unchanged: 2,
    });
    const again = await exportCsv('observations.csv');
    expect(again).toContain('gdp,2022,515.2,统计公报2022,年报修订');
    expect((await importCsv('observations', again)).body).toMatchObject({ corrections: 0, unchanged: 3 });
  });

  it('keeps a spreadsheet from running a cell as a formula, and still round-trips it', async () => {
    await importCsv('observations', 'indicator_id,year,value,source\ngdp,2023,540,"=HYPERLINK(""http://evil"")"\n');
    const exported = await exportCsv('observations.csv');
    expect(exported).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect((await importCsv('observations', exported)).body).toMatchObject({ unchanged: 4, corrections: 0 });
    const gdp = (await (await app.request('/api/v1/indicators/gdp')).json()) as Body;
    expect(gdp.observations.find((o: Body) => o.year === 2023).source).toBe('=HYPERLINK("http://evil")');
  });
});

describe('CSV of project progress', () => {
  it('round-trips, and an edited row is a new report', async () => {
    const exported = await exportCsv('progress.csv');
    expect(header(exported)).toBe(PROJECT_PROGRESS_COLUMNS.join(','));
    expect(exported.trim().split('\r\n')).toHaveLength(1 + readPlanFile().projects.length);
    expect((await importCsv('progress', exported)).body).toEqual({
      dryRun: false,
      rows: readPlanFile().projects.length,
      reports: 0,
      unchanged: readPlanFile().projects.length,
    });
    const lines = exported.split('\r\n');
    const id = readPlanFile().projects[2]!.id;
    const at = lines.findIndex((l) => l.startsWith(`${id},`));
    lines[at] = lines[at]!.replace(/^([^,]+),unknown,0,,/, '$1,completed,100,已竣工并投入使用,');
    const bad = [...lines];
    bad[at] = bad[at]!.replace(',100,', ',140,');
    expect((await importCsv('progress', bad.join('\r\n'))).body.problems).toEqual([
      { line: at + 1, column: 'progress', reason: expect.any(String) },
    ]);
    expect((await importCsv('progress', lines.join('\r\n'))).body).toMatchObject({ reports: 1 });
    const project = (await (await app.request(`/api/v1/projects/${id}`)).json()) as Body;
    expect(project).toMatchObject({ status: 'completed', progress: 100, progressReport: { note: '已竣工并投入使用' } });
    expect((await importCsv('progress', await exportCsv('progress.csv'))).body).toMatchObject({ reports: 0 });
  });
});

describe('CSV exports for reading', () => {
  it('have the documented columns', async () => {
    const indicators = await exportCsv('indicators.csv');
    expect(header(indicators)).toBe(INDICATOR_COLUMNS.join(','));
    expect(indicators.trim().split('\r\n')).toHaveLength(32);
    expect(indicators).toMatch(/\r\ngdp,1,经济质效,/);
    // Each value beside the year it is of, from the plan: no column named for one plan's years.
    expect(indicators).toMatch(/\r\ngdp,1,[^\r]*,level,2020,438\.08,2025,650,/);
    expect(header(await exportCsv('aggregates.csv?period=all'))).toBe(AGGREGATE_COLUMNS.join(','));
  });
});

describe('CSV imports that cannot complete', () => {
  it('refuses, before writing anything, values and sources the store would not keep', async () => {
    const before = await stored();
    const values = await importCsv(
      'observations',
      ['indicator_id,year,value', 'retail-sales,2023,1000.5', 'retail-sales,2024,1e400'].join('\n'),
    );
    expect(values.status).toBe(400);
    expect(values.body.problems).toEqual([{ line: 3, column: 'value', reason: 'too large to be a number: "1e400"' }]);
    const progress = await importCsv(
      'progress',
      [
        'project_id,status,progress,note,source',
        `${readPlanFile().projects[0]!.id},in_progress,10,开工,${'来'.repeat(501)}`,
      ].join('\n'),
    );
    expect(progress.status).toBe(400);
    expect(progress.body.problems).toEqual([{ line: 2, column: 'source', reason: 'at most 500 characters' }]);
    expect(await stored()).toBe(before);
  });

  it('audits the rows an import wrote when the store fails midway, and the same file sent again completes it', async () => {
    const file = [
      'indicator_id,year,value',
      'export-value,2021,101',
      'export-value,2022,102',
      'export-value,2023,103',
    ].join('\n');
    let puts = 0;
    const failing = crashingStore(
      store.current,
      (command) =>
        command.constructor.name === 'PutCommand' &&
        (command.input as { Item: { type: string } }).Item.type === 'observation' &&
        ++puts === 3,
    );
    const publisherActor = { name: 'wu.data', sub: 'sub-wu', roles: ['publisher' as const] };
    await expect(
      importObservations(
        { ...testApp(failing).deps, planId: readPlanFile().id },
        file,
        false,
        publisherActor,
        new Date(now),
      ),
    ).rejects.toBeInstanceOf(InjectedCrash);
    const imports = (await store.scanAll())
      .filter((i) => i.type === 'audit' && i.action === 'observation.import')
      .map((i) => JSON.parse(i.details as string) as Body);
    expect(imports.find((d) => d.changes.some((c: string) => c.startsWith('export-value')))).toMatchObject({
      written: 2,
      complete: false,
      changes: ['export-value 2021 new', 'export-value 2022 new'],
    });

    const again = await importCsv('observations', file);
    expect(again).toMatchObject({ status: 201, body: { new: 1, unchanged: 2 } });
  });
});
