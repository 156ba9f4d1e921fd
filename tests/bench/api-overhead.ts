/**
 * API overhead and store cost (issue 8).
 *
 * 1. Request overhead: the time of `POST /api/v1/feedback` and `GET /api/v1/indicators/{id}` through
 *    the whole Hono app, in process (`app.request`), over the time of the store calls they make,
 *    issued directly to the same dynalite. The route's commands are recorded as it sends them
 *    (grouped as it sends them: commands sent while another is in flight are replayed in parallel)
 *    and replayed on a twin table that has lived through exactly the same commands, so conditional
 *    writes succeed there as they did for the route. Iterations interleave route and replay.
 * 2. Capacity: read and write units per citizen submission and per public page, as the store
 *    reports them with `ReturnConsumedCapacity: 'TOTAL'` added to every command the app sends.
 *
 * dynalite runs in a process of its own. Writes the "API overhead" section of tests/bench/RESULTS.md.
 * Run: npx tsx tests/bench/api-overhead.ts [--quick]
 */
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../../functions/local/app.js';
import { appDeps } from '../../shared/http/deps.js';
import { LocalConfig, parseConfig } from '../../shared/config.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { ensureTable, loadPlan } from '../../shared/store/bootstrap.js';
import { createDocumentClient, type Store } from '../../shared/store/client.js';
import { startDynaliteProcess } from './dynalite-process.js';
import { machine, median, writeSection } from './results.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const ITERATIONS = values.quick ? 150 : 600;
const WARM_UP = values.quick ? 30 : 100;
const CAPACITY_SAMPLES = 20;
const AIM = { overhead: 1.3, writeUnitsPerSubmission: 2 };

const plan = readPlanFile();
const targets = [
  ...plan.indicators.map((i) => ['indicator', i.id] as const),
  ...plan.projects.map((p) => ['project', p.id] as const),
];

// ---------------------------------------------------------------------------------------------
// A client that can record what it sends, and meter what it costs

type Command = { constructor: new (input: never) => unknown; input: Record<string, unknown> };
interface Sent {
  name: string;
  ctor: Command['constructor'];
  input: Record<string, unknown>;
}
const READS = new Set(['GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'TransactGetCommand']);

interface Capacity {
  read: number;
  write: number;
  commands: Map<string, number>;
  /** Write units by the kind of item written: its partition key up to the first `#`. */
  writesByItem: Map<string, number>;
}

/** `VOTER#abc` → `VOTER`; the partition key of what a write command writes. */
function itemKind(input: Record<string, unknown>): string {
  const key = (input.Item ?? input.Key) as { PK?: unknown } | undefined;
  return typeof key?.PK === 'string' ? key.PK.split('#')[0]! : 'batch';
}

function instrument(client: DynamoDBDocumentClient) {
  const send = client.send.bind(client) as (command: unknown) => Promise<Record<string, unknown>>;
  let groups: Sent[][] | null = null;
  let inflight = 0;
  let capacity: Capacity | null = null;
  (client as { send: unknown }).send = async (command: Command) => {
    const name = command.constructor.name;
    if (groups) {
      if (inflight === 0 || groups.length === 0) groups.push([]);
      groups.at(-1)!.push({ name, ctor: command.constructor, input: structuredClone(command.input) });
    }
    if (capacity && name !== 'DescribeTableCommand') command.input.ReturnConsumedCapacity = 'TOTAL';
    inflight++;
    try {
      const output = await send(command);
      if (capacity) {
        const consumed = output.ConsumedCapacity as
          { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> | undefined;
        const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
          (sum, c) => sum + (c.CapacityUnits ?? 0),
          0,
        );
        if (READS.has(name)) capacity.read += units;
        else {
          capacity.write += units;
          const kind = itemKind(command.input);
          capacity.writesByItem.set(kind, (capacity.writesByItem.get(kind) ?? 0) + units);
        }
        capacity.commands.set(name, (capacity.commands.get(name) ?? 0) + 1);
      }
      return output;
    } finally {
      inflight--;
    }
  };
  return {
    async recording<T>(work: () => Promise<T>): Promise<{ result: T; groups: Sent[][] }> {
      groups = [];
      try {
        const result = await work();
        return { result, groups };
      } finally {
        groups = null;
      }
    },
    async metering(work: () => Promise<unknown>): Promise<Capacity> {
      const meter: Capacity = { read: 0, write: 0, commands: new Map(), writesByItem: new Map() };
      capacity = meter;
      try {
        await work();
        return meter;
      } finally {
        capacity = null;
      }
    },
  };
}

/** The same input aimed at another table. */
function retarget(input: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const visit = (value: unknown, key?: string): unknown => {
    if (key === 'TableName' && value === from) return to;
    if (Array.isArray(value)) return value.map((v) => visit(v));
    if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Set)) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k === from && key === 'RequestItems' ? to : k, visit(v, k)]),
      );
    }
    return value;
  };
  return visit(input) as Record<string, unknown>;
}

/** Replays recorded groups on `store`: each group in parallel, groups in order. */
async function replay(store: Store, from: string, groups: Sent[][]) {
  for (const group of groups) {
    await Promise.all(
      group.map(({ ctor, input }) =>
        store.client.send(new ctor(retarget(input, from, store.tableName) as never) as never).catch((error: Error) => {
          // The route met the same refusal (and retried, which is replayed too).
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        }),
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------

const dynalite = await startDynaliteProcess();
const routeStore: Store = {
  client: createDocumentClient({ region: 'local', endpoint: dynalite.endpoint }),
  tableName: 'bench-route',
};
const replayStore: Store = {
  client: createDocumentClient({ region: 'local', endpoint: dynalite.endpoint }),
  tableName: 'bench-replay',
};
const probe = instrument(routeStore.client);

try {
  for (const store of [routeStore, replayStore]) {
    await ensureTable(store);
    await loadPlan(store, plan);
  }
  const deps = appDeps(
    routeStore,
    // Limits as configured, but far enough that the benchmark's own traffic never meets them.
    parseConfig(LocalConfig, {
      COOKIE_SECURE: 'true',
      RATE_LIMIT_PER_ADDRESS: '1000000',
      RATE_LIMIT_PER_VOTER: '1000',
    }),
    {
      voterTokenSecret: 'benchmark-secret-benchmark-secret-0123',
      // Each simulated client names its address in CloudFront-Viewer-Address, as CloudFront would.
      clientOrigin: { originVerifyValue: null, trustViewerAddress: true },
      staffAuth: null,
      logger: new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
    },
  );
  const app = createApp(deps);
  let sequence = 0;

  /** A citizen's first rating of a target, from an address of their own, as it arrives through CloudFront. */
  const submission = () => {
    const n = sequence++;
    const [targetType, targetId] = targets[n % targets.length]!;
    const voter = deps.voterTokens.issue();
    return {
      voter,
      init: {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Voter-Token': voter.token,
          'CloudFront-Viewer-Address': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}:443`,
        },
        body: JSON.stringify({
          targetType,
          targetId,
          rating: 1 + (n % 5),
          comment: n % 3 === 0 ? '希望公布最新数据和口径说明' : undefined,
        }),
      } satisfies RequestInit,
    };
  };

  interface Timing {
    route: number[];
    store: number[];
    commands: number[];
  }
  async function overhead(request: () => { path: string; init?: RequestInit }, expected: number): Promise<Timing> {
    const timing: Timing = { route: [], store: [], commands: [] };
    for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
      const { path, init } = request();
      const started = performance.now();
      const { result: status, groups } = await probe.recording(async () => {
        const res = await app.request(path, init);
        await res.arrayBuffer();
        return res.status;
      });
      const routeMs = performance.now() - started;
      if (status !== expected) throw new Error(`${path} answered ${status}`);
      const replayStarted = performance.now();
      await replay(replayStore, routeStore.tableName, groups);
      const storeMs = performance.now() - replayStarted;
      if (i >= WARM_UP) {
        timing.route.push(routeMs);
        timing.store.push(storeMs);
        timing.commands.push(groups.flat().length);
      }
    }
    return timing;
  }

  const post = await overhead(() => ({ path: '/api/v1/feedback', init: submission().init }), 201);
  // The reads then find published summaries, as they do in service.
  for (const store of [routeStore, replayStore])
    await aggregationJob(store, { minRatings: 10, settleSeconds: 0, maxBatch: 5000 })();
  const get = await overhead(() => ({ path: '/api/v1/indicators/gdp' }), 200);

  // Capacity per submission and per page.
  const average = async (label: string, work: () => Promise<void>) => {
    const meters: Capacity[] = [];
    for (let i = 0; i < CAPACITY_SAMPLES; i++) meters.push(await probe.metering(work));
    const averaged = (pick: (m: Capacity) => Map<string, number>) => {
      const sums = new Map<string, number>();
      for (const m of meters) for (const [k, v] of pick(m)) sums.set(k, (sums.get(k) ?? 0) + v / meters.length);
      return [...sums].sort((a, b) => b[1] - a[1]);
    };
    const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
    const commands = averaged((m) => m.commands)
      .map(([name, count]) => `${fmt(count)} ${name.replace(/Command$/, '')}`)
      .join(', ');
    const writes = averaged((m) => m.writesByItem)
      .map(([kind, units]) => `${kind} ${fmt(units)}`)
      .join(', ');
    return {
      label,
      read: meters.reduce((s, m) => s + m.read, 0) / meters.length,
      write: meters.reduce((s, m) => s + m.write, 0) / meters.length,
      commands,
      writes,
    };
  };
  const expectStatus = async (path: string, init: RequestInit | undefined, status: number) => {
    const res = await app.request(path, init);
    await res.arrayBuffer();
    if (res.status !== status) throw new Error(`${path} answered ${res.status}`);
  };
  let replacing: ReturnType<typeof submission> | null = null;
  const submissions = [
    await average('first rating of a target, with or without a comment', async () => {
      const s = submission();
      await expectStatus('/api/v1/feedback', s.init, 201);
    }),
    await average('a second rating that replaces the voter’s first', async () => {
      replacing = submission();
      await expectStatus('/api/v1/feedback', replacing.init, 201);
      await expectStatus(
        '/api/v1/feedback',
        { ...replacing.init, body: JSON.stringify({ ...JSON.parse(String(replacing.init.body)), rating: 3 }) },
        201,
      );
    }).then((m) => ({ ...m, label: 'a rating and then its replacement (two submissions)' })),
  ];
  const project = plan.projects[0]!.id;
  const pages = [];
  for (const path of [
    '/',
    '/indicators',
    '/indicators/gdp',
    '/projects',
    `/projects/${project}`,
    '/api/v1/plan',
    '/api/v1/indicators',
    '/api/v1/indicators/gdp',
    '/api/v1/indicators/gdp/comments',
    '/api/v1/ratings',
    '/api/v1/open-data/indicators.csv',
    '/api/v1/open-data/comments.csv',
    '/api/v1/feeds/plan.atom',
  ]) {
    pages.push(await average(path, () => expectStatus(path, undefined, 200)));
  }

  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
  const row = (name: string, t: Timing) => {
    const ratio = median(t.route) / median(t.store);
    const perIteration = median(t.route.map((r, i) => r / t.store[i]!));
    return {
      line: `| ${name} | ${median(t.commands)} | ${ms(median(t.route))} | ${ms(p90(t.route))} | ${ms(median(t.store))} | ${ms(p90(t.store))} | **${ratio.toFixed(2)}×** | ${perIteration.toFixed(2)}× |`,
      verdict: `${name}: ${ratio.toFixed(2)}× the store calls alone (aim ≤ ${AIM.overhead}×: ${ratio <= AIM.overhead ? 'met' : 'not met'}; the app adds ${ms(median(t.route) - median(t.store))} at the median)`,
    };
  };
  const rows = [row('`POST /api/v1/feedback`', post), row('`GET /api/v1/indicators/gdp`', get)];
  const firstSubmission = submissions[0]!;
  const body = [
    `Machine: ${machine()}. Store: dynalite in memory, in a separate process on the same machine. Written ${new Date().toISOString()} by \`tests/bench/api-overhead.ts\`${values.quick ? ' (--quick)' : ''}.`,
    '',
    `**Request overhead.** Each route is called through the whole app in process (\`app.request\`: Hono, middleware, validation, the repositories, JSON), ${ITERATIONS} times after ${WARM_UP} warm-up calls. The reference is the same DynamoDB commands the route sent in that very call (recorded as sent, grouped as sent: commands issued while another was in flight run in parallel), replayed directly by a DynamoDB client against a twin table that has received exactly the same commands; route and reference alternate. Submissions: a new voter each, from an address of its own (\`CloudFront-Viewer-Address\`), a third with a comment, spread over all targets. The reads run after an aggregation, so published summaries are read too.`,
    '',
    '| Route | Store commands | Route, median | Route, p90 | Store calls alone, median | Store, p90 | Route ÷ store (medians) | Median of per-call ratios |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => r.line),
    '',
    ...rows.map((r) => `- ${r.verdict}`),
    '',
    `**Capacity units.** What the store reported with \`ReturnConsumedCapacity: 'TOTAL'\` added to every command the app sent, averaged over ${CAPACITY_SAMPLES} requests (dynalite computes them as DynamoDB does for on-demand tables: a write unit per 1 KB written, a read unit per 4 KB strongly consistent or 8 KB eventually consistent).`,
    '',
    '| Citizen submission | Write units | Read units | Commands (average) | Write units by item written (partition key prefix) |',
    '| --- | ---: | ---: | --- | --- |',
    ...submissions.map(
      (s) => `| ${s.label} | ${s.write.toFixed(2)} | ${s.read.toFixed(2)} | ${s.commands} | ${s.writes} |`,
    ),
    '',
    `- Write units per citizen submission: ${firstSubmission.write.toFixed(2)} (aim ≤ ${AIM.writeUnitsPerSubmission}: ${firstSubmission.write <= AIM.writeUnitsPerSubmission ? 'met' : 'not met'}).`,
    '',
    '| Public page or document | Read units | Write units | Commands |',
    '| --- | ---: | ---: | --- |',
    ...pages.map((p) => `| \`${p.label}\` | ${p.read.toFixed(2)} | ${p.write.toFixed(2)} | ${p.commands} |`),
  ].join('\n');
  await writeSection('API overhead', body);
  console.log(body);
} finally {
  routeStore.client.destroy();
  replayStore.client.destroy();
  await dynalite.close();
}
