import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod/mini';
import { ConflictError } from '../errors.js';
import { planPartition } from './keys.js';
import { fromItem } from './items.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';
import { bumpPlanDataVersion } from './data-versions.js';

/** A revised record of a plan's partition (an observation, a project's progress): numbered from 1, stamped when recorded. */
type Revision = { revision: number; recordedAt: string };

/**
 * Appends the next revision of a series kept under one key prefix of the plan's partition (the
 * observations of an indicator's year, a project's progress). The newest revision is read strongly
 * consistently and the next number written only if still free, trying again when another writer
 * took it: two publishers at once both land, one after the other, and neither overwrites the other.
 * The plan data's version is bumped once the write has landed.
 */
export async function appendRevision<S extends z.ZodMiniType<Revision>>(
  store: Store,
  series: {
    schema: S;
    planId: string;
    prefix: string;
    key: (revision: number) => { PK: string; SK: string };
    type: string;
    /** What a lost race keeps revising, for the ConflictError after five tries. */
    conflict: string;
  },
  input: Omit<z.infer<S>, keyof Revision>,
  recordedAt: Date,
): Promise<z.infer<S>> {
  const { client, tableName } = store;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { Items } = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': planPartition(series.planId), ':prefix': series.prefix },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const latest: Revision | null = Items?.[0] ? fromItem(series.schema, Items[0]) : null;
    const revision: z.infer<S> = series.schema.parse({
      ...input,
      revision: (latest?.revision ?? 0) + 1,
      recordedAt: recordedAt.toISOString(),
    });
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...series.key(revision.revision), type: series.type, ...revision },
          ConditionExpression: 'attribute_not_exists(SK)',
        }),
      );
      await bumpPlanDataVersion(store);
      return revision;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new ConflictError(series.conflict);
}
