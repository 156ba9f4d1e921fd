import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { ConflictError, NotFoundError } from '../errors.js';
import { Observation, type NewObservation } from '../plan/observation.js';
import type { Plan } from '../plan/document.js';
import { HistoryRow, Indicator, Project } from '../plan/schema.js';
import { upgradeHistoryRow } from '../plan/history-upgrade.js';
import { PlanLoader, PlanStatus, PlanStatusError, STATUS_OF_OLDER_PLANS } from '../plan/lifecycle.js';
import {
  historyKey,
  indicatorKey,
  observationKey,
  observationPrefix,
  PLAN_REGISTRY_PARTITION,
  planKey,
  planPartition,
  planRegistryKey,
  projectKey,
  targetKey,
} from './keys.js';
import { definitionItem, fromDefinitionItem, fromItem } from './items.js';
import { queryAll } from './query.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';
import { ProgressRevision } from '../plan/progress.js';
import { bumpPlanDataVersion } from './data-versions.js';
import { appendRevision } from './revisions.js';

/** The plan's own attributes, without its lists (those are items of their own). */
export const PlanSummary = z.strictObject({
  id: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  district: z.string(),
  periodStart: z.number(),
  periodEnd: z.number(),
  baselineYear: z.number(),
  source: z.strictObject({ document: z.string(), sha256: z.string() }),
  categories: z.array(z.strictObject({ id: z.string(), nameEn: z.string() })),
  /** sha256 of the plan file last loaded, so loading the same file again writes nothing. */
  contentHash: z.string(),
  /** Where the plan is in its life (shared/plan/lifecycle.ts); a plan stored before there was one was public. */
  status: z._default(PlanStatus, STATUS_OF_OLDER_PLANS),
  /**
   * What loaded its file last: `built-in` (gongping's copy, which npm start loads again when it
   * changes), `import` (npm run plan -- import) or `upload` (the staff page), which npm start leaves
   * alone. Absent on plans stored before it was recorded: read as the built-in copy's.
   */
  loadedBy: z.optional(PlanLoader),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

/**
 * The plan item and its copy in the registry: whatever writes a plan's summary (a load, a change of
 * status) writes both, so listPlans agrees with getPlan.
 */
export const planSummaryItems = (summary: PlanSummary) => [
  definitionItem(planKey(summary.id), 'plan', summary),
  definitionItem(planRegistryKey(summary.id), 'plan-entry', summary),
];

/** A stored history row: one stored before the years were data reads with the years its old fields named. */
const StoredHistoryRow = z.pipe(z.transform(upgradeHistoryRow), HistoryRow);

/** Everything stored in a plan's partition, read in one query. */
export interface PlanSnapshot {
  plan: PlanSummary;
  indicators: Indicator[];
  history: HistoryRow[];
  projects: Project[];
  observations: Observation[];
}

/** A plan's whole partition, as the read cache keeps it (shared/store/plan-cache.ts). */
export interface PlanPartition {
  snapshot: PlanSnapshot;
  /** The history rows in key order, as listHistory answers them (the snapshot's are in plan order). */
  history: HistoryRow[];
  /** Every project's progress revisions, oldest first per project, as progress listAll answers them. */
  progress: ProgressRevision[];
}

/** Strongly consistent: what a cache keeps under a version it read first (docs/caching.md). */
export interface ReadOptions {
  consistent?: boolean;
}

export function planRepository(store: Store) {
  const { client, tableName } = store;

  const queryPrefix = (planId: string, prefix: string) =>
    queryAll(store, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': planPartition(planId), ':prefix': prefix },
    });

  async function getItem(key: { PK: string; SK: string }) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key }));
    return Item;
  }

  /** The whole partition in one query, progress revisions included. */
  async function partition(planId: string, options: ReadOptions = {}): Promise<PlanPartition | null> {
    const items = await queryAll(store, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': planPartition(planId) },
      ConsistentRead: options.consistent ?? false,
    });
    const snapshot: Omit<PlanSnapshot, 'plan'> & { plan?: PlanSummary } = {
      indicators: [],
      history: [],
      projects: [],
      observations: [],
    };
    const progress: ProgressRevision[] = [];
    for (const item of items) {
      switch (item.type) {
        case 'plan':
          snapshot.plan = fromDefinitionItem(PlanSummary, item);
          break;
        case 'indicator':
          snapshot.indicators.push(fromDefinitionItem(Indicator, item));
          break;
        case 'history':
          snapshot.history.push(fromDefinitionItem(StoredHistoryRow, item));
          break;
        case 'project':
          snapshot.projects.push(fromDefinitionItem(Project, item));
          break;
        case 'observation':
          snapshot.observations.push(fromItem(Observation, item));
          break;
        case 'project-progress':
          progress.push(fromItem(ProgressRevision, item));
          break;
      }
    }
    if (!snapshot.plan) return null;
    const history = [...snapshot.history];
    snapshot.indicators.sort((a, b) => a.seq - b.seq);
    snapshot.history.sort((a, b) => a.seq - b.seq);
    return { snapshot: { ...snapshot, plan: snapshot.plan }, history, progress };
  }

  return {
    async getPlan(planId: string): Promise<PlanSummary | null> {
      const item = await getItem(planKey(planId));
      return item ? fromDefinitionItem(PlanSummary, item) : null;
    },

    /** Every plan loaded, drafts included (callers filter by status), in one query of the registry. */
    async listPlans(options: ReadOptions = {}): Promise<PlanSummary[]> {
      const items = await queryAll(store, {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': PLAN_REGISTRY_PARTITION },
        ConsistentRead: options.consistent ?? false,
      });
      return items.map((item) => fromDefinitionItem(PlanSummary, item));
    },

    /** Whether the plan is in the registry (plans loaded before there was one are not, until loaded again). */
    async isRegistered(planId: string): Promise<boolean> {
      return (await getItem(planRegistryKey(planId))) !== undefined;
    },

    /** The whole partition: plan, indicators, history, projects and every observation revision. */
    async snapshot(planId: string): Promise<PlanSnapshot | null> {
      return (await partition(planId))?.snapshot ?? null;
    },

    partition,

    async getIndicator(planId: string, id: string): Promise<Indicator | null> {
      const item = await getItem(indicatorKey(planId, id));
      return item ? fromDefinitionItem(Indicator, item) : null;
    },

    async getProject(planId: string, id: string): Promise<Project | null> {
      const item = await getItem(projectKey(planId, id));
      return item ? fromDefinitionItem(Project, item) : null;
    },

    async listHistory(planId: string): Promise<HistoryRow[]> {
      return (await queryPrefix(planId, 'HISTORY#')).map((item) => fromDefinitionItem(StoredHistoryRow, item));
    },

    /** Every revision of an indicator's observations, oldest year first. */
    async listObservations(planId: string, indicatorId: string): Promise<Observation[]> {
      return (await queryPrefix(planId, observationPrefix(indicatorId))).map((item) => fromItem(Observation, item));
    },

    /** Whether a target exists, for one read unit or less. */
    async targetExists(planId: string, targetType: 'indicator' | 'project', id: string): Promise<boolean> {
      const key = targetKey(planId, targetType, id);
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: key, ProjectionExpression: 'SK' }),
      );
      return Item !== undefined;
    },

    /**
     * Appends a revision for (indicator, year). The next revision number is read, then written
     * only if still free, so two publishers correcting the same year cannot overwrite each other.
     */
    async appendObservation(planId: string, input: NewObservation, recordedAt: Date): Promise<Observation> {
      return appendRevision(
        store,
        {
          schema: Observation,
          planId,
          prefix: observationPrefix(input.indicatorId, input.year),
          key: (revision) => observationKey(planId, input.indicatorId, input.year, revision),
          type: 'observation',
          conflict: `observation ${input.indicatorId} ${input.year} is being revised concurrently`,
        },
        input,
        recordedAt,
      );
    },

    /**
     * Writes the plan's own items (plan, indicators, history, projects). Observations and
     * feedback live in other items and are never touched, so reloading a plan loses nothing.
     */
    async putPlan(plan: Plan, contentHash: string, state: { status: PlanStatus; loadedBy: PlanLoader }): Promise<void> {
      const { indicators, history, projects, ...rest } = plan;
      const [planItem, registryItem] = planSummaryItems({ ...rest, contentHash, ...state });
      const items = [
        ...indicators.map((i) => definitionItem(indicatorKey(plan.id, i.id), 'indicator', i)),
        ...history.map((h) => definitionItem(historyKey(plan.id, h.id), 'history', h)),
        ...projects.map((p) => definitionItem(projectKey(plan.id, p.id), 'project', p)),
      ];
      // The plan item goes last: its contentHash marks the load complete only once all else is in.
      for (let i = 0; i < items.length; i += 25) await batchWrite(items.slice(i, i + 25));
      await batchWrite([registryItem!, planItem!]);
      await bumpPlanDataVersion(store);
    },

    /**
     * Changes the plan's status, if it is still `from`: the plan item is written only if it is as
     * read (its data unchanged), so of two staff members changing it at once one wins and the
     * other is told (PlanStatusError with what it is now). The registry's copy follows.
     */
    async setStatus(planId: string, from: PlanStatus, to: PlanStatus): Promise<PlanSummary> {
      const item = await getItem(planKey(planId));
      if (!item) throw new NotFoundError('plan', planId);
      const stored = fromDefinitionItem(PlanSummary, item);
      if (stored.status !== from) throw new PlanStatusError(planId, stored.status, to);
      const changed: PlanSummary = { ...stored, status: to };
      const [planItem, registryItem] = planSummaryItems(changed);
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: planItem,
            ConditionExpression: '#data = :read',
            ExpressionAttributeNames: { '#data': 'data' },
            ExpressionAttributeValues: { ':read': item.data as string },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const now = await getItem(planKey(planId));
        throw new PlanStatusError(planId, now ? fromDefinitionItem(PlanSummary, now).status : from, to);
      }
      await client.send(new PutCommand({ TableName: tableName, Item: registryItem }));
      await bumpPlanDataVersion(store);
      return changed;
    },
  };

  async function batchWrite(items: Record<string, unknown>[]) {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 50 * 2 ** attempt));
      if (attempt > 8) throw new ConflictError('the store keeps refusing part of a batch write');
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

export type PlanRepository = ReturnType<typeof planRepository>;
