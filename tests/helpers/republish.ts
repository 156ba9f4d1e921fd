import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { publish, type PublishingRepository } from '../../shared/ratings/publish.js';
import { aggregationRepository, noCounts } from '../../shared/store/aggregation-repository.js';
import type { Store } from '../../shared/store/client.js';
import { ratingSeriesKey } from '../../shared/store/keys.js';
import type { PeriodSummaries, SeriesPoint } from '../../shared/ratings/documents.js';

/** Every item of the table, as a test sees the store whole. */
export async function scan(store: Store) {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await store.client.send(new ScanCommand({ TableName: store.tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** A summaries document with no scope in it: what a plan with nothing counted in a period publishes. */
const isEmpty = (summaries: PeriodSummaries) =>
  summaries.plan === null && summaries.targets.length === 0 && summaries.categories.length === 0;

/** The documents as the store holds them: summaries by key (version left out, empty ones left out) and series points by key. */
export function publishedDocuments(items: Record<string, unknown>[]) {
  const summaries: Record<string, unknown> = {};
  const points: Record<string, SeriesPoint> = {};
  for (const item of items) {
    const key = `${String(item.PK)}|${String(item.SK)}`;
    if (item.type === 'rating-summary') {
      const document = JSON.parse(String(item.data)) as PeriodSummaries;
      if (!isEmpty(document)) summaries[key] = { ...document, version: 0 };
    } else if (item.type === 'rating-series-point') points[key] = JSON.parse(String(item.data)) as SeriesPoint;
  }
  return { summaries, points };
}

/**
 * Every document publishing all stored counts from scratch would write, by a run that remembers
 * nothing it published before: what the stored documents must equal, however the runs that wrote
 * them crashed, overlapped or skipped what had not changed.
 */
export async function republishedDocuments(store: Store, minRatings: number) {
  const repo = aggregationRepository(store);
  const state = await repo.getState();
  const scopes = new Set<string>();
  for (const period of state.periods) for (const scope of (await repo.readCounts(period)).keys()) scopes.add(scope);
  const items: Record<string, unknown>[] = [];
  const capture: PublishingRepository = {
    readPeriod: async (period, planId) => ({
      ...(await repo.readPeriod(period, planId)),
      published: noCounts().published,
    }),
    summaryKey: repo.summaryKey,
    putDocument: (key, type, version, document) => {
      items.push({ ...key, type, version, data: JSON.stringify(document) });
      return Promise.resolve(true);
    },
    putSeriesPoints: (points) => {
      for (const { planId, scope, point } of points)
        items.push({
          ...ratingSeriesKey(planId, scope, point.period),
          type: 'rating-series-point',
          data: JSON.stringify(point),
        });
      return Promise.resolve();
    },
    recordPublished: () => Promise.resolve(true),
    bumpPublishedVersion: () => Promise.resolve(),
  };
  await publish(
    capture,
    { periods: state.periods, scopes: [...scopes], knownPeriods: state.periods, minRatings, version: state.version },
    () => Promise.resolve(),
  );
  return publishedDocuments(items);
}
