import { setTimeout as sleep } from 'node:timers/promises';
import { createHash } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { Plan } from '../plan/document.js';
import { planRepository } from './plan-repository.js';
import { createTableInput } from './table.js';
import type { Store } from './client.js';

/** Creates the table from the one definition if it is missing, and waits until it is usable. */
export async function ensureTable({ client, tableName }: Store): Promise<'created' | 'existing'> {
  let created = false;
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      created = true;
    } catch (createError) {
      // Another process created it between our two calls; that is what we wanted.
      if ((createError as Error).name !== 'ResourceInUseException') throw createError;
    }
  }
  for (let attempt = 0; attempt < 120; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesReady) return created ? 'created' : 'existing';
    await sleep(250);
  }
  throw new Error(`table ${tableName} did not become active`);
}

export const planContentHash = (plan: Plan) => createHash('sha256').update(JSON.stringify(plan)).digest('hex');

/**
 * Loads the plan's own items unless the same content is already there. Safe to run on every
 * start and from several processes at once: the writes are whole-item puts of the same data.
 */
export async function loadPlan(store: Store, plan: Plan): Promise<'loaded' | 'unchanged'> {
  const plans = planRepository(store);
  const contentHash = planContentHash(plan);
  const stored = await plans.getPlan(plan.id);
  if (stored?.contentHash === contentHash) return 'unchanged';
  await plans.putPlan(plan, contentHash);
  return 'loaded';
}
