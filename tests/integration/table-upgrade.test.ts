import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../shared/store/client.js';
import { ensureTable } from '../../shared/store/bootstrap.js';
import { createTableInput } from '../../shared/store/table.js';
import { useStore } from '../helpers/store.js';

/**
 * A local data folder's table made before GSI2 joined the definition: npm start (ensureTable)
 * gives it the index, keeping every item, and finishes a rebuild an earlier run left halfway.
 */
const shared = useStore();

/** A table as the definition was before GSI2: GSI1 only. */
async function tableWithoutGsi2(tableName: string) {
  const input = createTableInput(tableName);
  await shared.current.client.send(
    new CreateTableCommand({
      ...input,
      AttributeDefinitions: input.AttributeDefinitions!.filter((a) => !a.AttributeName!.startsWith('GSI2')),
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes!.filter((i) => i.IndexName !== 'GSI2'),
    }),
  );
}

const ITEMS = Array.from({ length: 60 }, (_, n) => ({
  PK: `FEEDBACK#${String(n % 16).padStart(2, '0')}`,
  SK: `2025-01-01T00:00:${String(n).padStart(2, '0')}.000Z#f${n}`,
  ...(n % 2 === 0 ? { GSI1PK: 'COMMENTS#p#indicator#gdp', GSI1SK: `2025#f${n}` } : {}),
  ...(n % 3 === 0 ? { GSI2PK: 'PLANCOMMENTS#p#0', GSI2SK: `UNREPLIED#2025#f${n}` } : {}),
  type: 'feedback',
  n,
}));

async function put(store: Store, items: readonly Record<string, unknown>[]) {
  for (const Item of items) await store.client.send(new PutCommand({ TableName: store.tableName, Item }));
}
async function scan(store: Store) {
  const { Items = [] } = await store.client.send(new ScanCommand({ TableName: store.tableName }));
  return Items.sort((a, b) => Number(a.n) - Number(b.n));
}
const indexesOf = async (store: Store) =>
  (
    (await store.client.send(new DescribeTableCommand({ TableName: store.tableName }))).Table?.GlobalSecondaryIndexes ??
    []
  )
    .map((i) => i.IndexName)
    .sort();
const tables = async () => (await shared.current.client.send(new ListTablesCommand({}))).TableNames ?? [];

describe('a local table made before GSI2', () => {
  it('gets GSI2 from ensureTable, with every item kept and indexed, and no spare table left', async () => {
    const store = { client: shared.current.client, tableName: `old-${randomUUID()}` };
    await tableWithoutGsi2(store.tableName);
    await put(store, ITEMS);
    expect(await indexesOf(store)).toEqual(['GSI1']);

    expect(await ensureTable(store)).toBe('existing');

    expect(await indexesOf(store)).toEqual(['GSI1', 'GSI2']);
    expect(await scan(store)).toEqual(ITEMS);
    const { Items = [] } = await store.client.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': 'PLANCOMMENTS#p#0' },
      }),
    );
    expect(Items.length).toBe(20);
    expect((await tables()).filter((t) => t.startsWith(store.tableName))).toEqual([store.tableName]);
    // Again: nothing to do.
    expect(await ensureTable(store)).toBe('existing');
    expect(await scan(store)).toEqual(ITEMS);
  });

  it('finishes a rebuild that stopped after the table was dropped: the items come back from the spare', async () => {
    const store = { client: shared.current.client, tableName: `old-${randomUUID()}` };
    const spare = { client: store.client, tableName: `${store.tableName}-rebuild` };
    await shared.current.client.send(new CreateTableCommand(createTableInput(spare.tableName)));
    await put(spare, ITEMS);

    expect(await ensureTable(store)).toBe('created');

    expect(await indexesOf(store)).toEqual(['GSI1', 'GSI2']);
    expect(await scan(store)).toEqual(ITEMS);
    expect((await tables()).filter((t) => t.startsWith(store.tableName))).toEqual([store.tableName]);
  });
});
