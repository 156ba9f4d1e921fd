import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Plan } from '../plan/document.js';
import { planContentHash } from '../plan/file.js';
import type { PlanLoader, PlanStatus } from '../plan/lifecycle.js';
import { planRepository, type PlanSnapshot } from './plan-repository.js';
import { planKey } from './keys.js';
import { createTableInput } from './table.js';
import { addMissingIndexes } from './table-upgrade.js';
import { createDocumentClient, type Store } from './client.js';

/**
 * A table that CDK created, reached from an operator's machine (`npm run seed`, `npm run plan --
 * --table …`): with the AWS credentials of the shell, or at a DynamoDB-compatible endpoint for
 * rehearsals. Nothing here creates or changes the table: the data stack owns it.
 */
export const TableTarget = z.strictObject({
  table: z
    .string()
    .check(z.regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name (the TableName output of the data stack)')),
  region: z.string().check(z.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$|^local$/, 'an AWS region name such as ap-east-1')),
  /** A DynamoDB-compatible endpoint (DynamoDB Local, dynalite) for rehearsals; absent in AWS. */
  endpoint: z.optional(z.url()),
});
export type TableTarget = z.infer<typeof TableTarget>;

/** The store at a table target; destroy its client when done. */
export const openTable = (target: TableTarget): Store => ({
  client: createDocumentClient({ region: target.region, endpoint: target.endpoint }),
  tableName: target.table,
});

/** Creates the table from the one definition if it is missing (or gives it the indexes it lacks), and waits until it is usable. */
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
    if (Table?.TableStatus === 'ACTIVE' && indexesReady) {
      // A table made before an index joined the definition gets it; a rebuild cut short is finished (table-upgrade.ts).
      await addMissingIndexes({ client, tableName });
      return created ? 'created' : 'existing';
    }
    await sleep(250);
  }
  throw new Error(`table ${tableName} did not become active`);
}

/**
 * Loads the plan's own items unless the same content is already there. Safe to run on every
 * start and from several processes at once: the writes are whole-item puts of the same data.
 */
export async function loadPlan(
  store: Store,
  plan: Plan,
  options: { status?: PlanStatus; loadedBy?: PlanLoader } = {},
): Promise<'loaded' | 'unchanged'> {
  const plans = planRepository(store);
  const contentHash = planContentHash(plan);
  const stored = await plans.getPlan(plan.id);
  // A plan loaded before the registry existed is written again once, which registers it.
  if (stored?.contentHash === contentHash && (await plans.isRegistered(plan.id))) return 'unchanged';
  // A reload keeps the plan's status: only a change of status, audited, changes it.
  await plans.putPlan(plan, contentHash, {
    status: stored?.status ?? options.status ?? 'published',
    loadedBy: options.loadedBy ?? 'built-in',
  });
  return 'loaded';
}

/**
 * npm start's load of gongping's own copy of a plan: loaded when the store lacks it or holds an
 * earlier built-in copy (so a fix to the copy reaches every data folder), but never over a file
 * someone imported or uploaded under the same id, which is newer than anything built in.
 */
export async function loadBuiltInPlan(store: Store, plan: Plan): Promise<'loaded' | 'unchanged' | 'kept'> {
  const stored = await planRepository(store).getPlan(plan.id);
  if (stored?.loadedBy === 'import' || stored?.loadedBy === 'upload') return 'kept';
  return loadPlan(store, plan, { status: 'published', loadedBy: 'built-in' });
}

/**
 * Every plan in the table, with what its partition holds. There is no index of plans, so this scans
 * the table for plan items (reading every item once): for an operator's command, never for a request.
 */
export async function listPlans(store: Store): Promise<PlanSnapshot[]> {
  const ids: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await store.client.send(
      new ScanCommand({
        TableName: store.tableName,
        FilterExpression: 'SK = :sk AND begins_with(PK, :pk)',
        ExpressionAttributeValues: { ':sk': planKey('').SK, ':pk': planKey('').PK },
        ProjectionExpression: 'PK',
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) ids.push(String(item.PK).slice(planKey('').PK.length));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const plans = planRepository(store);
  const snapshots = await Promise.all(ids.sort().map((id) => plans.snapshot(id)));
  return snapshots.filter((s): s is PlanSnapshot => s !== null);
}
