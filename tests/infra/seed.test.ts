import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSeedArgs, seed, SeedUsageError } from '../../infra/seed.js';
import { ensureTable } from '../../shared/store/bootstrap.js';
import { useStore } from '../helpers/store.js';

const store = useStore();

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `npm run seed -- …` exactly as docs/deploy.md tells ops to type it. Asynchronous on purpose: dynalite
 * answers from this process, so a synchronous spawn would wait on itself.
 */
async function npmRunSeed(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'seed', '--', ...args], {
      cwd: REPO,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run seed', () => {
  it('loads the plan into an existing table, then finds nothing to do', async () => {
    const args = parseSeedArgs(await store.tableArgs());
    const first = await seed(args);
    expect(first).toEqual({
      table: store.current.tableName,
      planId: 'licheng-14th',
      outcome: 'loaded',
      counts: { indicators: 31, history: 36, projects: 69 },
    });
    const items = await store.scanAll();
    expect(items.filter((item) => item.PK === 'PLAN#licheng-14th')).toHaveLength(1 + 31 + 36 + 69);

    expect((await seed(args)).outcome).toBe('unchanged');
    expect(await store.scanAll()).toHaveLength(items.length);
  });

  it('says what is missing or wrong, with the usage line', () => {
    expect(() => parseSeedArgs([])).toThrow(SeedUsageError);
    expect(() => parseSeedArgs(['--region', 'ap-east-1'])).toThrow(/--table: [\s\S]*usage: npm run seed -- --table/);
    expect(() => parseSeedArgs(['--table', 'gongping', '--region', 'Hong Kong'])).toThrow(
      /--region: an AWS region name/,
    );
    expect(() => parseSeedArgs(['--table', 'gongping', '--region', 'ap-east-1', '--force'])).toThrow(
      /Unknown option '--force'[\s\S]*usage:/,
    );
  });

  it('never creates a table: a missing one is an error', async () => {
    const args = { table: 'no-such-table', region: 'ap-southeast-1', endpoint: await store.endpointUrl() };
    await expect(seed(args)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('runs as `npm run seed` against a table it is given, and answers a missing argument or --help with the usage and exit code 2', async () => {
    // A table of its own, so this test does not depend on whether the others already loaded the plan.
    const tableName = `seed-${randomUUID()}`;
    await ensureTable({ client: store.current.client, tableName });
    const loaded = await npmRunSeed(await store.tableArgs(tableName));
    expect(loaded).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`loaded plan licheng-14th into ${tableName}: 31 indicators`),
    });

    for (const args of [['--region', 'ap-southeast-1'], ['--help']]) {
      const refused = await npmRunSeed(args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain('usage: npm run seed -- --table <table name> --region <aws region>');
      expect(refused.stderr).not.toContain('Missing script');
    }
  }, 60_000);
});
