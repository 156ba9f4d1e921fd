import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors.js';
import { ProgressRevision, type NewProgress } from '../plan/progress.js';
import { planPartition, progressKey, progressPrefix } from './keys.js';
import { fromItem } from './items.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';
import { bumpPlanDataVersion } from './data-versions.js';

/** Project progress revisions, append-only, in the plan's partition. */
export function progressRepository(store: Store) {
  const { client, tableName } = store;
  async function query(
    planId: string,
    prefix: string,
    options: { newestOnly?: boolean } = {},
  ): Promise<ProgressRevision[]> {
    const revisions: ProgressRevision[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': planPartition(planId), ':prefix': prefix },
          ...(options.newestOnly ? { ScanIndexForward: false, Limit: 1, ConsistentRead: true } : {}),
          ExclusiveStartKey,
        }),
      );
      revisions.push(...(page.Items ?? []).map((item) => fromItem(ProgressRevision, item)));
      ExclusiveStartKey = options.newestOnly ? undefined : page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return revisions;
  }

  return {
    /** Every project's revisions, oldest first per project. */
    listAll: (planId: string) => query(planId, progressPrefix()),
    list: (planId: string, projectId: string) => query(planId, progressPrefix(projectId)),

    /** Appends the next revision; two publishers reporting at once both land, one after the other. */
    async append(planId: string, input: NewProgress, recordedAt: Date): Promise<ProgressRevision> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const [latest] = await query(planId, progressPrefix(input.projectId), { newestOnly: true });
        const revision = ProgressRevision.parse({
          ...input,
          revision: (latest?.revision ?? 0) + 1,
          recordedAt: recordedAt.toISOString(),
        });
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...progressKey(planId, input.projectId, revision.revision),
                type: 'project-progress',
                ...revision,
              },
              ConditionExpression: 'attribute_not_exists(SK)',
            }),
          );
          await bumpPlanDataVersion(store);
          return revision;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      throw new ConflictError(`progress of ${input.projectId} is being reported concurrently`);
    },
  };
}

export type ProgressRepository = ReturnType<typeof progressRepository>;
