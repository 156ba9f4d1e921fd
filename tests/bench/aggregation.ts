/**
 * Aggregation benchmark (issue 3): throughput over 10k / 100k / 1M stored ratings, the cost of a
 * run with nothing new and with 1,000 new, and the aggregator's time over the time to merely
 * query the same new items from the store. dynalite in memory, in a process of its own.
 * Run: npx tsx tests/bench/aggregation.ts [--sizes 10000,100000,1000000]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import type { FeedbackRecord } from '../../shared/feedback/record.js';
import { aggregate } from '../../shared/ratings/aggregate.js';
import { targetIndexOf } from '../../shared/ratings/target-index.js';
import { aggregationRepository, shardIds } from '../../shared/store/aggregation-repository.js';
import { ensureTable, loadPlan } from '../../shared/store/bootstrap.js';
import { createDocumentClient, type Store } from '../../shared/store/client.js';
import { startDynaliteProcess } from './dynalite-process.js';
import { feedbackKey, feedbackShard } from '../../shared/store/keys.js';
import { machine, median, writeSection } from './results.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000,1000000' } } });
const sizes = values.sizes.split(',').map(Number);
const plan = readPlanFile();
const targets = [
  ...plan.indicators.map((i) => ['indicator', i.id] as const),
  ...plan.projects.map((p) => ['project', p.id] as const),
];
const index = targetIndexOf({ plan: { ...plan, contentHash: '', status: 'published' }, indicators: plan.indicators });

const START = Date.UTC(2021, 0, 1);
const SPAN = Date.UTC(2025, 11, 31) - START;
let sequence = 0;

/** A rating record as the API writes it, spread over the plan period and over every target. */
function syntheticRecord(at: number): FeedbackRecord {
  const [targetType, targetId] = targets[Math.floor(Math.random() * targets.length)]!;
  const voterId = `bench-${sequence++}`;
  const recordedAt = new Date(at).toISOString();
  return {
    feedbackId: randomUUID(),
    voterId,
    planId: plan.id,
    targetType,
    targetId,
    year: new Date(at + 8 * 3600_000).getUTCFullYear(),
    rating: (1 + Math.floor(Math.random() * 5)) as FeedbackRecord['rating'],
    comment: Math.random() < 0.2 ? '意见' : null,
    commentStatus: 'none',
    recordedAt,
    shard: feedbackShard(voterId, targetType, targetId),
    replaces: null,
  };
}

async function seed(store: Store, count: number, from: number, span: number) {
  const times = Array.from({ length: count }, () => from + Math.floor(Math.random() * span)).sort((a, b) => a - b);
  const items = times.map((at) => {
    const record = syntheticRecord(at);
    if (record.comment !== null) record.commentStatus = 'pending';
    return { ...feedbackKey(record.shard, record.recordedAt, record.feedbackId), type: 'feedback', ...record };
  });
  const chunks: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < chunks.length) {
        let requests = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const out = await store.client.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: requests } }));
          requests = (out.UnprocessedItems?.[store.tableName] ?? []) as typeof requests;
        }
      }
    }),
  );
}

const runOptions = (store: Store, now: number) => ({
  repo: aggregationRepository(store),
  targets: () => Promise.resolve(index),
  clock: () => new Date(now),
  settleMs: 0,
  maxBatch: 5000,
  minRatings: 10,
});

/** The floor: only reading the new log entries, shard by shard, as the aggregator must. */
async function queryOnly(store: Store, now: number) {
  const repo = aggregationRepository(store);
  const state = await repo.getState();
  const started = performance.now();
  const reads = await Promise.all(
    shardIds().map((shard) => repo.readShard(shard, state.watermarks[shard], `${new Date(now).toISOString()}~`)),
  );
  return { ms: performance.now() - started, entries: reads.reduce((n, r) => n + r.entries.length, 0) };
}

async function main() {
  const embedded = await startDynaliteProcess();
  const client = createDocumentClient({ region: 'local', endpoint: embedded.endpoint });
  const rows: string[] = [];
  let largest: Store | null = null;
  let now = START + SPAN + 86_400_000;
  for (const size of sizes) {
    const store = { client, tableName: `bench-${size}-${randomUUID().slice(0, 8)}` };
    await ensureTable(store);
    await loadPlan(store, plan);
    const seeded = performance.now();
    await seed(store, size, START, SPAN);
    const seedSeconds = (performance.now() - seeded) / 1000;
    const report = await aggregate(runOptions(store, now));
    const seconds = report.durationMs / 1000;
    rows.push(
      `| ${size.toLocaleString('en')} | ${report.entries.toLocaleString('en')} | ${report.batches} | ${seconds.toFixed(1)} s | ${Math.round(report.entries / seconds).toLocaleString('en')} | ${report.countsUpdated.toLocaleString('en')} | ${seedSeconds.toFixed(1)} s |`,
    );
    console.log(rows.at(-1));
    largest = store;
  }

  const store = largest!;
  const idle = await aggregate(runOptions(store, now));
  const ratios: number[] = [];
  const fresh: { aggregateMs: number; queryMs: number; itemsRead: number; readUnits: number; writeUnits: number }[] =
    [];
  for (let round = 0; round < 5; round++) {
    await seed(store, 1000, now, 60_000);
    now += 120_000;
    const reference = await queryOnly(store, now);
    const run = await aggregate(runOptions(store, now));
    if (reference.entries !== 1000 || run.entries !== 1000)
      throw new Error(`expected 1,000 new entries, read ${reference.entries} / ${run.entries}`);
    fresh.push({
      aggregateMs: run.durationMs,
      queryMs: reference.ms,
      itemsRead: run.itemsRead,
      readUnits: run.readUnits,
      writeUnits: run.writeUnits,
    });
    ratios.push(run.durationMs / reference.ms);
  }
  const last = fresh.at(-1)!;
  const body = `
Machine: ${machine()}. Store: dynalite in memory, in a separate process on the same machine. Written ${new Date().toISOString()} by \`tests/bench/aggregation.ts\`.
Synthetic ratings spread over 2021–2025 and over all ${targets.length} targets (20% with a comment); batches of at most 5,000 log entries.

| Stored ratings | Entries aggregated | Batches | Time | Entries / s | Counts items updated | Seeding time |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Runs against the ${sizes.at(-1)!.toLocaleString('en')}-rating table:

| Run | Log items read | Read units | Write units | Time |
| --- | ---: | ---: | ---: | ---: |
| nothing new | ${idle.itemsRead} | ${idle.readUnits.toFixed(1)} | ${idle.writeUnits.toFixed(1)} | ${idle.durationMs.toFixed(1)} ms |
| 1,000 new (last of 5) | ${last.itemsRead} | ${last.readUnits.toFixed(1)} | ${last.writeUnits.toFixed(1)} | ${last.aggregateMs.toFixed(1)} ms |

Aggregator time over the time to merely query the same 1,000 new items (5 rounds, each with fresh items): ${ratios.map((r) => r.toFixed(2)).join(', ')}; median **${median(ratios).toFixed(2)}×** (aim: below 1.5). The aggregator's time includes claiming the batch, applying the deltas, committing, and publishing every touched period and series; the reference is the 16 shard queries alone (median ${median(fresh.map((f) => f.queryMs)).toFixed(1)} ms).
Read and write units are what the store reported with \`ReturnConsumedCapacity\` (dynalite reports them as DynamoDB would for on-demand tables).
`;
  await writeSection('Aggregation', body);
  console.log(body);
  client.destroy();
  await embedded.close();
}

await main();
