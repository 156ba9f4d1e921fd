import { describe, expect, it } from 'vitest';
import { parseSeedArgs, seed, SeedUsageError } from '../../infra/seed.js';
import { useStore } from '../helpers/store.js';

const store = useStore();

describe('npm run seed', () => {
  it('loads the plan into an existing table, then finds nothing to do', async () => {
    const endpoint = await store.current.client.config.endpoint?.();
    const args = parseSeedArgs([
      '--table', store.current.tableName,
      '--region', 'ap-southeast-1',
      '--endpoint', `${endpoint!.protocol}//${endpoint!.hostname}:${endpoint!.port}`,
    ]);
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
    expect(() => parseSeedArgs(['--table', 'gongping', '--region', 'Hong Kong'])).toThrow(/--region: an AWS region name/);
    expect(() => parseSeedArgs(['--table', 'gongping', '--region', 'ap-east-1', '--force'])).toThrow(/Unknown option '--force'[\s\S]*usage:/);
  });

  it('never creates a table: a missing one is an error', async () => {
    const endpoint = await store.current.client.config.endpoint?.();
    const args = { table: 'no-such-table', region: 'ap-southeast-1', endpoint: `${endpoint!.protocol}//${endpoint!.hostname}:${endpoint!.port}` };
    await expect(seed(args)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
