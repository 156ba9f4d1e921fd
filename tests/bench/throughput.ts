/**
 * Throughput of the local server (issue 8): requests per second and latency of the public pages and
 * the public JSON, measured with autocannon on loopback against `npm start`'s server (its entry,
 * functions/local/server.ts, on a fresh data folder and a free port), against a bare Hono app answering
 * a constant on the same machine in the same run (tests/bench/bare-server.ts). Bounded: each URL for
 * a fixed time with a fixed number of connections. Writes the "Throughput" section of
 * tests/bench/RESULTS.md.
 * Run: npx tsx tests/bench/throughput.ts [--quick]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { machine, writeSection } from './results.js';
import { startServer } from '../helpers/local-server.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const SECONDS = values.quick ? 4 : 10;
const CONNECTIONS = 10;
const plan = readPlanFile();

const start = (args: string[], env: NodeJS.ProcessEnv) => startServer(env, args);

interface Measure {
  label: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  bytesPerRequest: number;
  non2xx: number;
  errors: number;
}

async function measure(base: string, label: string, path: string): Promise<Measure> {
  // A short warm-up so the JIT and the store's caches are in the state a running server has.
  await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: 1 });
  const result = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: SECONDS });
  return {
    label,
    path,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerRequest: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const dataDir = await mkdtemp(join(tmpdir(), 'gongping-throughput-'));
const servers: Array<{ stop(): Promise<void> }> = [];
try {
  const bare = await start(['tests/bench/bare-server.ts'], {});
  servers.push(bare);
  // Request logs to stdout are part of npm start; here they would be the benchmark's own cost
  // (this process would read a line per request), so they are kept to warnings.
  const gongping = await start(['functions/local/server.ts'], {
    PORT: '0',
    DATA_DIR: dataDir,
    AGGREGATE_EVERY: '0',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  });
  servers.push(gongping);

  const project = plan.projects[0]!.id;
  const targets: Array<[string, string, string]> = [
    ['Health: one read of the store (JSON)', gongping.base, '/api/v1/health'],
    ['Home page (HTML)', gongping.base, '/'],
    ['Indicator list page (HTML)', gongping.base, '/indicators'],
    ['Indicator page, GDP (HTML)', gongping.base, '/indicators/gdp'],
    ['Project page (HTML)', gongping.base, `/projects/${project}`],
    ['Plan (JSON)', gongping.base, '/api/v1/plan'],
    ['Indicators (JSON)', gongping.base, '/api/v1/indicators'],
    ['Indicator, GDP (JSON)', gongping.base, '/api/v1/indicators/gdp'],
    ['Ratings ranking (JSON)', gongping.base, '/api/v1/ratings'],
    ['Open data: indicators (CSV)', gongping.base, '/api/v1/open-data/indicators.csv'],
  ];
  // The reference first and last, so drift during the run shows.
  const reference = [await measure(bare.base, 'Bare Hono app, constant JSON (reference, first)', '/')];
  const results: Measure[] = [];
  for (const [label, base, path] of targets) results.push(await measure(base, label, path));
  reference.push(await measure(bare.base, 'Bare Hono app, constant JSON (reference, last)', '/'));
  const referenceRps = (reference[0]!.requestsPerSecond + reference[1]!.requestsPerSecond) / 2;

  const num = (x: number) => Math.round(x).toLocaleString('en');
  const rows = [...reference.slice(0, 1), ...results, ...reference.slice(1)].map(
    (m) =>
      `| ${m.label} | \`${m.path}\` | ${num(m.requestsPerSecond)} | ${(m.requestsPerSecond / referenceRps).toFixed(3)} | ${m.p50} ms | ${m.p99} ms | ${(m.bytesPerRequest / 1024).toFixed(1)} KiB | ${m.non2xx + m.errors} |`,
  );
  const failures = results.filter((m) => m.non2xx + m.errors > 0);
  const body = [
    `Machine: ${machine()}. Written ${new Date().toISOString()} by \`tests/bench/throughput.ts\`${values.quick ? ' (--quick)' : ''}.`,
    '',
    `autocannon in this process, on loopback, ${CONNECTIONS} connections, ${SECONDS} s per URL after a 1 s warm-up, against \`npm start\`'s server (functions/local/server.ts with its embedded dynalite on a fresh data folder: the plan loaded, no ratings; request logs at WARN so that printing them is not measured) and, as the reference, a bare Hono app on @hono/node-server answering a constant JSON, started the same way (tsx, its own process), measured before and after the others. Each server has one process; this machine has ${machine().split(' ×')[0]} cores shared by the load generator, the server and its store. Conditional requests (ETag) are not sent: every answer is a full 200.`,
    '',
    '| What | URL | Requests / s | × reference | Latency p50 | p99 | Bytes / answer | Non-2xx or errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Reference: ${num(referenceRps)} requests/s (mean of first and last). ${failures.length ? `Failures: ${failures.map((m) => m.path).join(', ')}.` : 'Every answer was 2xx.'}`,
  ].join('\n');
  await writeSection('Throughput', body);
  console.log(body);
} finally {
  for (const server of servers.reverse()) await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
