import { ProgressRevision, type NewProgress } from '../plan/progress.js';
import { planPartition, progressKey, progressPrefix } from './keys.js';
import { fromItem } from './items.js';
import type { Store } from './client.js';
import { queryAll } from './query.js';
import { appendRevision } from './revisions.js';

/** Project progress revisions, append-only, in the plan's partition. */
export function progressRepository(store: Store) {
  const query = async (planId: string, prefix: string) =>
    (
      await queryAll(store, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': planPartition(planId), ':prefix': prefix },
      })
    ).map((item) => fromItem(ProgressRevision, item));

  return {
    /** Every project's revisions, oldest first per project. */
    listAll: (planId: string) => query(planId, progressPrefix()),
    list: (planId: string, projectId: string) => query(planId, progressPrefix(projectId)),

    /** Appends the next revision; two publishers reporting at once both land, one after the other. */
    async append(planId: string, input: NewProgress, recordedAt: Date): Promise<ProgressRevision> {
      return appendRevision(
        store,
        {
          schema: ProgressRevision,
          planId,
          prefix: progressPrefix(input.projectId),
          key: (revision) => progressKey(planId, input.projectId, revision),
          type: 'project-progress',
          conflict: `progress of ${input.projectId} is being reported concurrently`,
        },
        input,
        recordedAt,
      );
    },
  };
}

export type ProgressRepository = ReturnType<typeof progressRepository>;
