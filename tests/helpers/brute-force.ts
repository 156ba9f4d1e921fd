import type { FeedbackRecord } from '../../shared/feedback/record.js';
import { periodsOf, scopesOf, type TargetIndex } from '../../shared/ratings/scopes.js';
import { emptyTally, type Tally } from '../../shared/ratings/statistics.js';

/**
 * The counts from scratch, by a different route than the aggregation: a voter's current rating
 * is the record no other record replaces, unless an administrator found it fraudulent (a fraud
 * event names it); comments count by the status their record holds now.
 */
export function bruteForceCounts(items: Record<string, unknown>[], index: TargetIndex): Map<string, Tally> {
  const records = items.filter((i) => i.type === 'feedback') as unknown as FeedbackRecord[];
  const fraudulent = new Set(items.filter((i) => i.type === 'fraud').map((i) => String(i.feedbackId)));
  const replaced = new Set([...records.flatMap((r) => (r.replaces ? [r.replaces.feedbackId] : [])), ...fraudulent]);
  const counts = new Map<string, Tally>();
  const tallyAt = (period: string, scope: string) => {
    const key = `${period}|${scope}`;
    let tally = counts.get(key);
    if (!tally) counts.set(key, (tally = emptyTally()));
    return tally;
  };
  for (const r of records) {
    for (const period of periodsOf(r.year, r.recordedAt)) {
      for (const scope of scopesOf(index, r)) {
        const tally = tallyAt(period, scope);
        if (!replaced.has(r.feedbackId)) tally.histogram[r.rating - 1]! += 1;
        if (r.comment !== null && r.commentStatus !== 'none') tally.comments[r.commentStatus] += 1;
      }
    }
  }
  return counts;
}

/** Keys of non-zero tallies only, so an item that went back to zero equals one never written. */
export const nonZero = (counts: Map<string, Tally>) =>
  Object.fromEntries(
    [...counts]
      .filter(([, t]) => t.histogram.some((n) => n !== 0) || Object.values(t.comments).some((n) => n !== 0))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
