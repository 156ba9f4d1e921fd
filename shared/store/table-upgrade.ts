import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { createTableInput, TABLE } from './table.js';

/** Where a table's items wait while it is made again. */
const spareOf = (tableName: string) => `${tableName}-rebuild`;

async function describe(store: Store, tableName: string): Promise<TableDescription | null> {
  try {
    return (await store.client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    throw error;
  }
}

/** Waits until the table is usable, or gone. */
async function settle(store: Store, tableName: string, until: 'active' | 'gone') {
  for (let attempt = 0; attempt < 120; attempt++) {
    const table = await describe(store, tableName);
    if (until === 'gone' ? table === null : table?.TableStatus === 'ACTIVE') return;
    await sleep(250);
  }
  throw new Error(`table ${tableName} did not become ${until}`);
}

/** Copies every item of one table into another (whole-item puts: copying twice changes nothing). */
async function copyItems(store: Store, from: string, to: string) {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await store.client.send(new ScanCommand({ TableName: from, ExclusiveStartKey }));
    const items = page.Items ?? [];
    for (let start = 0; start < items.length; start += 25) {
      let requests: Array<{ PutRequest: { Item: Record<string, unknown> } }> | undefined = items
        .slice(start, start + 25)
        .map((Item) => ({ PutRequest: { Item } }));
      while (requests?.length) {
        const { UnprocessedItems } = await store.client.send(
          new BatchWriteCommand({ RequestItems: { [to]: requests } }),
        );
        requests = UnprocessedItems?.[to] as typeof requests;
      }
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

async function createFromDefinition(store: Store, tableName: string) {
  await store.client.send(new CreateTableCommand(createTableInput(tableName)));
  await settle(store, tableName, 'active');
}

async function drop(store: Store, tableName: string) {
  await store.client.send(new DeleteTableCommand({ TableName: tableName }));
  await settle(store, tableName, 'gone');
}

/**
 * Gives a local table made before an index joined the definition (TABLE, table.ts) the indexes it
 * lacks. dynalite cannot add an index to a table (it accepts UpdateTable's Create and ignores it),
 * so the table is made again: its items are copied to a spare table of the full definition, the
 * table is dropped and created from the definition, and the items copied back. A run that died
 * midway is finished by the next one: the spare stays until every item is back. Returns the
 * indexes added. Local stores only (npm start, the CLIs without --table): the AWS table's indexes
 * are the data stack's, added by CloudFormation.
 */
export async function addMissingIndexes(store: Store): Promise<string[]> {
  const { tableName } = store;
  const spare = spareOf(tableName);
  if (await describe(store, spare)) {
    // An earlier rebuild stopped: the spare holds every item the table had (or the table still does).
    if (!(await describe(store, tableName))) await createFromDefinition(store, tableName);
    await copyItems(store, spare, tableName);
    await drop(store, spare);
  }
  const present = new Set(((await describe(store, tableName))?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const missing = TABLE.indexes.map((index) => index.name).filter((name) => !present.has(name));
  if (missing.length === 0) return [];
  await createFromDefinition(store, spare);
  await copyItems(store, tableName, spare);
  await drop(store, tableName);
  await createFromDefinition(store, tableName);
  await copyItems(store, spare, tableName);
  await drop(store, spare);
  return missing;
}
