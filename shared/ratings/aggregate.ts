import type { AggregationRepository, AggregationState, Batch, PeriodCounts } from '../store/aggregation-repository.js';
import { shardIds } from '../store/aggregation-repository.js';
import { countsItemId, readCountsItems } from '../store/rating-counts.js';
import { deltasOf, type Deltas, type LogEntry } from './deltas.js';
import { inParallel } from './in-parallel.js';
import { publish } from './publish.js';
import { byPlan, nextPeriod, previousPeriod, type TargetIndex } from './scopes.js';
import { emptyTally, type Tally } from './statistics.js';

export interface AggregationOptions {
  repo: AggregationRepository;
  /** Where each target's ratings count, in every plan; read only when there is something to aggregate. */
  targets: () => Promise<TargetIndex>;
  clock: () => Date;
  /**
   * Log entries younger than this are left for the next run. It is longer than any API request
   * may take, so no record can still be in flight with a time already behind the watermark.
   */
  settleMs: number;
  /** At most this many log entries per batch, so a run's memory does not grow with a backlog. */
  maxBatch: number;
  minRatings: number;
  /** Called at every step boundary; tests throw from it to simulate a crash there. */
  checkpoint?: (step: string) => void | Promise<void>;
  onProgress?: (event: { read: number; applied: number; total?: number }) => void;
}

export interface RunReport {
  batches: number;
  itemsRead: number;
  entries: number;
  countsUpdated: number;
  periodsPublished: number;
  /** Summary documents written: those of touched plans whose content changed. */
  summariesPublished: number;
  /** Series points written or removed: those whose content changed. */
  scopesPublished: number;
  version: number;
  readUnits: number;
  writeUnits: number;
  durationMs: number;
  differences?: Difference[];
}

export interface Difference {
  period: string;
  scope: string;
  stored: Tally;
  recomputed: Tally;
}

const APPLY_CONCURRENCY = 16;

const union = (...lists: string[][]) => [...new Set(lists.flat())].sort();

/** Sorts after every character of a log sort key (ISO time, '#', a UUID). */
const TOP = '~';

/**
 * One aggregation run: finish whatever a crashed or concurrent run left half done, then claim,
 * apply and publish batches of new log entries until none is left. Every step is either a
 * conditional state transition (only one run wins it) or an idempotent write (each plan's counts
 * item of a period applies each batch version once; documents are recomputed from counts), so crashes, retries
 * and overlapping runs leave exactly the counts a recomputation from scratch would give.
 */
export async function aggregate(
  options: AggregationOptions,
  mode: 'incremental' | 'rebuild' = 'incremental',
): Promise<RunReport> {
  const started = performance.now();
  const { repo } = options;
  const meterAtStart = { ...repo.meter };
  const checkpoint = async (step: string) => options.checkpoint?.(step);
  const report: RunReport = {
    batches: 0,
    itemsRead: 0,
    entries: 0,
    countsUpdated: 0,
    periodsPublished: 0,
    summariesPublished: 0,
    scopesPublished: 0,
    version: 0,
    readUnits: 0,
    writeUnits: 0,
    durationMs: 0,
  };
  let index: TargetIndex | null = null;
  const targets = async () => (index ??= await options.targets());
  let rebuildPending = mode === 'rebuild';
  // What this run last wrote, while no other run has moved the state since: then the state need not
  // be read again, the counts items this run wrote or read (`held`, by countsItemId) are the stored
  // ones, and a log read to the horizon need not be repeated to learn that nothing more is there.
  let ours: AggregationState | null = null;
  let drained = false;
  const held = new Map<string, PeriodCounts>();
  const move = async (from: AggregationState, to: AggregationState) => {
    const moved = await repo.transition(from, to);
    ours = moved ? to : null;
    if (!moved) {
      drained = false;
      held.clear();
    }
    return moved;
  };

  // Entries up to this moment are this run's to aggregate; later ones wait for the next run, so
  // a steady stream of ratings cannot keep one run from ever publishing.
  const horizon = new Date(options.clock().getTime() - options.settleMs).toISOString();
  for (;;) {
    const state = ours ?? (await repo.getState());
    const caughtUp = ours !== null && drained;
    ours = null;
    report.version = state.version;
    if (!state.countsByPlan) {
      // Counts an older release kept in one item per period are split per plan before anything is
      // counted, so no batch is applied to both layouts. A batch in flight may have counted into
      // periods the state lists only once it commits.
      const inFlight = state.batch ? deltasOf((await readBatch(repo, state.batch)).entries, await targets()) : null;
      await repo.splitLegacyCounts(union(state.periods, [...(inFlight?.keys() ?? [])]));
      await move(state, { ...state, countsByPlan: true });
      continue;
    }
    if (state.phase === 'applying' && state.batch) {
      drained = false; // another run's batch ends wherever that run's read did
      const { entries } = await readBatch(repo, state.batch);
      await applyAndCommit(state, state.batch, entries);
      continue;
    }
    if (state.phase === 'publishing') {
      const published = await publish(
        repo,
        {
          periods: state.dirtyPeriods,
          scopes: state.dirtyScopes,
          knownPeriods: state.periods,
          minRatings: options.minRatings,
          version: state.version,
          held,
        },
        checkpoint,
      );
      report.periodsPublished += published.periods;
      report.summariesPublished += published.summaries;
      report.scopesPublished += published.scopes;
      await move(state, { ...state, phase: 'idle', dirtyPeriods: [], dirtyScopes: [] });
      await checkpoint('published');
      continue;
    }

    let batch: Batch | null = null;
    let entries: LogEntry[] | null = null;
    if (rebuildPending) {
      // A rebuild reads the whole log up to the horizon, from the start.
      batch = {
        version: state.version + 1,
        mode: 'rebuild',
        from: {},
        to: Object.fromEntries(shardIds().map((s) => [s, `${horizon}${TOP}`])),
      };
    } else if (!caughtUp) {
      const perShard = Math.max(1, Math.ceil(options.maxBatch / shardIds().length));
      const reads = await Promise.all(
        shardIds().map(
          async (shard) =>
            [shard, await repo.readShard(shard, state.watermarks[shard], `${horizon}${TOP}`, perShard)] as const,
        ),
      );
      const advanced = reads.filter(([shard, read]) => read.last !== state.watermarks[shard]);
      drained = reads.every(([, read]) => read.complete);
      if (advanced.length > 0) {
        entries = reads.flatMap(([, read]) => read.entries);
        batch = {
          version: state.version + 1,
          mode: 'incremental',
          from: state.watermarks,
          to: { ...state.watermarks, ...Object.fromEntries(advanced.map(([shard, read]) => [shard, read.last!])) },
        };
      }
    }
    if (!batch) {
      // Caught up: publish what the committed batches changed, once, then stop.
      if (state.dirtyPeriods.length === 0 && state.dirtyScopes.length === 0) break;
      await move(state, { ...state, phase: 'publishing' });
      continue;
    }
    const applying: AggregationState = { ...state, phase: 'applying', batch };
    let deltas: Deltas | undefined;
    let read = new Map<string, PeriodCounts>();
    if (entries) {
      // The counts items the batch changes or publishes from are read while it is claimed: reading
      // is harmless if the claim fails, and applying writes only if nobody wrote since the read.
      deltas = deltasOf(entries, await targets());
      const [moved, around] = await Promise.all([move(state, applying), readAround(state, deltas)]);
      if (!moved) continue; // another run claimed it; follow its state
      read = around;
    } else if (!(await move(state, applying))) continue;
    // A rebuild reads to the horizon; a batch resumed from another run stops wherever that run's did.
    if (batch.mode === 'rebuild') drained = true;
    rebuildPending = false;
    await checkpoint('claimed');
    entries ??= (await readBatch(repo, batch)).entries;
    await applyAndCommit(applying, batch, entries, deltas, read);
  }

  report.itemsRead = repo.meter.itemsRead - meterAtStart.itemsRead;
  report.readUnits = repo.meter.readUnits - meterAtStart.readUnits;
  report.writeUnits = repo.meter.writeUnits - meterAtStart.writeUnits;
  report.durationMs = performance.now() - started;
  return report;

  async function readBatch(r: AggregationRepository, batch: Batch) {
    const reads = await Promise.all(shardIds().map((shard) => r.readShard(shard, batch.from[shard], batch.to[shard])));
    const entries = reads.flatMap((read) => read.entries);
    options.onProgress?.({ read: entries.length, applied: 0 });
    return { entries };
  }

  /**
   * The counts items `deltas` change, and those of the same plans in the periods before and after
   * that publishing reads: those this run holds as held, the others read. Those it does not change
   * stay as read while the state is this run's: only a claimed batch changes counts.
   */
  async function readAround(state: AggregationState, deltas: Deltas) {
    const known = new Set([...state.periods, ...deltas.keys()]);
    const wanted = countsItemsOf(deltas).flatMap(({ period, planId }) =>
      [period, previousPeriod(period), nextPeriod(period)]
        .filter((around) => around !== null && known.has(around))
        .map((around) => ({ period: around!, planId })),
    );
    return readCountsItems(repo.readPeriod, wanted, held);
  }

  async function applyAndCommit(
    state: AggregationState,
    batch: Batch,
    entries: LogEntry[],
    known?: Deltas,
    read = new Map<string, PeriodCounts>(),
  ) {
    const deltas = known ?? deltasOf(entries, await targets());
    const items = countsItemsOf(deltas);
    const changed = new Set(items.map(({ period, planId }) => countsItemId(period, planId)));
    for (const [id, item] of read) if (!changed.has(id)) held.set(id, item);
    report.entries += entries.length;
    let applied = 0;
    const total = items.length;
    if (batch.mode === 'incremental') {
      // Each plan's counts of each period are independent, so they are written several at a time,
      // each applying the batch once by its own version: a batch may touch any number of plans.
      await inParallel(items, APPLY_CONCURRENCY, async ({ period, planId, byScope }) => {
        const id = countsItemId(period, planId);
        const item = await repo.applyDeltas(period, planId, byScope, batch.version, held.get(id) ?? read.get(id));
        if (item) {
          held.set(id, item);
          report.countsUpdated += byScope.size;
        } else held.delete(id); // another run applied it: read it again when needed
        options.onProgress?.({ read: entries.length, applied: ++applied, total });
        await checkpoint(`applied ${period} ${planId}`);
      });
    } else {
      report.differences = await rewriteAll(state, deltas, batch.version);
    }
    const touchedPeriods = [...deltas.keys()];
    const touchedScopes = [...new Set([...deltas.values()].flatMap((byScope) => [...byScope.keys()]))];
    const dirtyPeriods = union(state.dirtyPeriods, batch.mode === 'rebuild' ? state.periods : [], touchedPeriods);
    const dirtyScopes = union(state.dirtyScopes, touchedScopes);
    // Publishing waits until the run has caught up (what to publish accumulates in the state); a
    // batch that read to the horizon commits straight into it.
    const committed = await move(state, {
      version: batch.version,
      watermarks: batch.mode === 'rebuild' ? batch.to : { ...state.watermarks, ...batch.to },
      phase: drained && (dirtyPeriods.length > 0 || dirtyScopes.length > 0) ? 'publishing' : 'idle',
      batch: null,
      dirtyPeriods,
      dirtyScopes,
      periods: union(state.periods, touchedPeriods),
      countsByPlan: true,
    });
    if (committed) report.batches += 1;
    await checkpoint('committed');
  }

  /** The rebuild: compare every plan's stored counts with the recomputation, then write the recomputation. */
  async function rewriteAll(state: AggregationState, recomputed: Deltas, version: number): Promise<Difference[]> {
    const differences: Difference[] = [];
    const periods = [...new Set([...state.periods, ...recomputed.keys()])].sort();
    for (const period of periods) {
      const stored = await repo.readPeriodPlans(period);
      const expected = byPlan(recomputed.get(period) ?? []);
      for (const planId of [...new Set([...stored.keys(), ...expected.keys()])].sort()) {
        const was = stored.get(planId)?.counts ?? new Map<string, Tally>();
        const now = expected.get(planId) ?? new Map<string, Tally>();
        for (const scope of [...new Set([...was.keys(), ...now.keys()])].sort()) {
          const before = was.get(scope) ?? emptyTally();
          const after = now.get(scope) ?? emptyTally();
          if (JSON.stringify(before) !== JSON.stringify(after))
            differences.push({ period, scope, stored: before, recomputed: after });
        }
        held.set(countsItemId(period, planId), await repo.putCounts(period, planId, now, version));
        report.countsUpdated += now.size;
      }
      await checkpoint(`rewrote ${period}`);
    }
    return differences;
  }
}

/** A batch's deltas by the counts item each changes: a plan's scopes in one period. */
function countsItemsOf(deltas: Deltas) {
  return [...deltas].flatMap(([period, byScope]) =>
    [...byPlan(byScope)].map(([planId, scopes]) => ({ period, planId, byScope: scopes })),
  );
}
