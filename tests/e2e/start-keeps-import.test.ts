import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../shared/plan/load.js';
import { startServer, TSX, type RunningServer } from '../helpers/local-server.js';

/**
 * `npm start` on a data folder where an operator imported their own version of the built-in plan
 * (`npm run plan -- import`, same id): the server starts on the imported plan and says it kept it,
 * where it used to load its own copy over it.
 */
const dirs: string[] = [];
const servers: RunningServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function importPlan(dataDir: string, file: string) {
  const { DYNAMODB_ENDPOINT: _endpoint, TABLE_NAME: _table, ...inherited } = process.env;
  const child = spawn(TSX, ['functions/local/plan-cli.ts', 'import', file, '--status', 'published'], {
    env: { ...inherited, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code, output).toBe(0);
}

describe('npm start after an import', () => {
  it('serves the imported plan, not its own copy of the plan with that id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongping-keeps-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const imported = { ...loadPlan(), titleEn: 'Licheng 14th plan, as the district imported it' };
    const file = join(dir, 'licheng.json');
    await writeFile(file, JSON.stringify(imported));
    await importPlan(dataDir, file);

    const server = await startServer({ DATA_DIR: dataDir, AGGREGATE_EVERY: '0' });
    servers.push(server);
    expect(server.output()).toContain('kept: the store has a file imported under this id');
    const plan = (await (await fetch(`${server.base}/api/v1/plan`)).json()) as { titleEn: string; status: string };
    expect(plan).toMatchObject({ titleEn: imported.titleEn, status: 'published' });
  }, 180_000);
});
