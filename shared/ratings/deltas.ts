import type { FeedbackRecord, FraudEvent, ModerationEvent } from '../feedback/record.js';
import { emptyTally, type Tally } from './statistics.js';
import { periodsOf, scopesOf, type TargetIndex } from './scopes.js';

/** What the aggregation reads from the feedback log. */
export type LogEntry =
  | { kind: 'rating'; record: FeedbackRecord }
  | { kind: 'moderation'; event: ModerationEvent }
  /** An administrator found a rating fraudulent; if it still counted, it counts no more. */
  | { kind: 'fraud'; event: FraudEvent };

/** Changes to apply, by period, then scope. Counts may be negative (a replaced rating moves out). */
export type Deltas = Map<string, Map<string, Tally>>;

function bump(deltas: Deltas, periods: string[], scopes: string[], change: (tally: Tally) => void) {
  for (const period of periods) {
    let byScope = deltas.get(period);
    if (!byScope) deltas.set(period, (byScope = new Map<string, Tally>()));
    for (const scope of scopes) {
      let tally = byScope.get(scope);
      if (!tally) byScope.set(scope, (tally = emptyTally()));
      change(tally);
    }
  }
}

/**
 * The effect of log entries on the counts. A rating adds to its level in its periods and scopes;
 * if it replaces one, that one's level is taken out of the periods it was counted in. A comment
 * arrives pending; a moderation event moves it between statuses. Order does not matter: the
 * effects add up the same, which is what lets a resumed batch produce the same deltas.
 */
export function deltasOf(entries: Iterable<LogEntry>, index: TargetIndex): Deltas {
  const deltas: Deltas = new Map();
  for (const entry of entries) {
    if (entry.kind === 'rating') {
      const r = entry.record;
      const scopes = scopesOf(index, r);
      bump(deltas, periodsOf(r.year, r.recordedAt), scopes, (t) => {
        t.histogram[r.rating - 1]! += 1;
        if (r.comment !== null) t.comments.pending += 1;
      });
      if (r.replaces) {
        const replaced = r.replaces;
        bump(deltas, periodsOf(r.year, replaced.recordedAt), scopes, (t) => {
          t.histogram[replaced.rating - 1]! -= 1;
        });
      }
    } else if (entry.kind === 'fraud') {
      // Only a rating that counted when marked is taken out; the voter's ballot then makes sure no
      // later rating of theirs takes it out again (reply-fraud-repository, markFraud).
      const e = entry.event;
      if (e.counted) {
        bump(deltas, periodsOf(e.year, e.ratedAt), scopesOf(index, e), (t) => {
          t.histogram[e.rating - 1]! -= 1;
        });
      }
    } else {
      const e = entry.event;
      bump(deltas, periodsOf(e.year, e.ratedAt), scopesOf(index, e), (t) => {
        if (e.from !== 'none') t.comments[e.from] -= 1;
        if (e.to !== 'none') t.comments[e.to] += 1;
      });
    }
  }
  return deltas;
}

export const isZero = (t: Tally) =>
  t.histogram.every((n) => n === 0) && Object.values(t.comments).every((n) => n === 0);
