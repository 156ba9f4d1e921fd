import { isZero } from '../ratings/deltas.js';
import { inParallel } from '../ratings/in-parallel.js';
import { byPlan, planOfScope } from '../ratings/scopes.js';
import { COMMENT_STATUSES, emptyTally, type Tally } from '../ratings/statistics.js';

/**
 * Content hashes of the documents published from a plan's counts of a period: its summaries (by
 * plan id) and each counted scope's series point (by counted scope). Kept in the counts item,
 * written only after the documents they describe have landed, so a hash there never claims a
 * document that is not stored; publishing skips a document whose hash it finds unchanged.
 */
export interface Published {
  summaries: Record<string, string>;
  points: Record<string, string>;
}

/** A plan's counts item of a period, read or written: its counts, the last batch applied, what was published. */
export interface PeriodCounts {
  counts: Map<string, Tally>;
  appliedVersion: number;
  published: Published;
}
/** The item of a plan and period nothing was ever counted in. */
export const noCounts = (): PeriodCounts => ({
  counts: new Map(),
  appliedVersion: 0,
  published: { summaries: {}, points: {} },
});

/** A tally as nine numbers: the five levels, then comments pending, published, rejected, hidden. */
const pack = (t: Tally) => [...t.histogram, ...COMMENT_STATUSES.map((status) => t.comments[status])];
const unpack = (numbers: number[]): Tally => {
  const tally = emptyTally();
  for (let level = 0; level < 5; level++) tally.histogram[level] = numbers[level] ?? 0;
  COMMENT_STATUSES.forEach((status, i) => (tally.comments[status] = numbers[5 + i] ?? 0));
  return tally;
};

/** Counts as the store keeps them: zero tallies left out, in the order of their scopes. */
export const stored = (counts: Map<string, Tally>) =>
  new Map([...counts].filter(([, tally]) => !isZero(tally)).sort(([a], [b]) => a.localeCompare(b)));

/** A counts item read back, whether a plan's or the single item of every plan an older release kept. */
export function countsOfItem(item: Record<string, unknown>): PeriodCounts {
  const packed = JSON.parse(String(item.data)) as Record<string, number[]>;
  return {
    counts: new Map(Object.entries(packed).map(([scope, numbers]) => [scope, unpack(numbers)])),
    appliedVersion: Number(item.appliedVersion),
    published: typeof item.published === 'string' ? (JSON.parse(item.published) as Published) : noCounts().published,
  };
}

/** The attributes of a plan's counts item of a period; every scope must be the plan's. */
export function countsItem(key: { PK: string; SK: string }, period: string, planId: string, item: PeriodCounts) {
  const counts = stored(item.counts);
  const stranger = [...counts.keys()].find((scope) => planOfScope(scope)?.planId !== planId);
  if (stranger !== undefined) throw new Error(`scope ${stranger} counted into plan ${planId}'s item`);
  return {
    ...key,
    type: 'rating-counts',
    period,
    planId,
    appliedVersion: item.appliedVersion,
    data: JSON.stringify(Object.fromEntries([...counts].map(([scope, tally]) => [scope, pack(tally)]))),
    published: JSON.stringify(item.published),
  };
}

/**
 * The single counts item of every plan split into each plan's: its scopes, the same batch
 * version, and the hashes of its own documents. A scope counted before ratings carried their plan
 * belongs to no plan and is left out (it was never published; the ratings migration's rebuild
 * recounts it into its plan).
 */
export function splitByPlan(all: PeriodCounts): Map<string, PeriodCounts> {
  const points = byPlan(Object.entries(all.published.points));
  return new Map(
    [...byPlan(all.counts)].map(([planId, counts]) => {
      const summary = all.published.summaries[planId];
      const published = {
        summaries: summary === undefined ? {} : { [planId]: summary },
        points: Object.fromEntries(points.get(planId) ?? []),
      };
      return [planId, { counts, appliedVersion: all.appliedVersion, published }];
    }),
  );
}

/** How a plan's counts item of a period is told apart from the others while a run holds it. */
export const countsItemId = (period: string, planId: string) => `${period} ${planId}`;

/** How many counts items are read at once: a batch may touch many plans, and each plan has its own items. */
const READS_IN_PARALLEL = 16;

/**
 * The wanted counts items by countsItemId: those `held` as they are, the others read a few at a time
 * (so a batch touching hundreds of plans does not open hundreds of requests at once).
 */
export async function readCountsItems(
  read: (period: string, planId: string) => Promise<PeriodCounts>,
  wanted: Iterable<{ period: string; planId: string }>,
  held?: ReadonlyMap<string, PeriodCounts>,
): Promise<Map<string, PeriodCounts>> {
  const items = new Map<string, PeriodCounts>();
  const toRead = new Map<string, { period: string; planId: string }>();
  for (const { period, planId } of wanted) {
    const id = countsItemId(period, planId);
    const kept = held?.get(id);
    if (kept) items.set(id, kept);
    else toRead.set(id, { period, planId });
  }
  await inParallel([...toRead], READS_IN_PARALLEL, async ([id, { period, planId }]) => {
    items.set(id, await read(period, planId));
  });
  return items;
}
