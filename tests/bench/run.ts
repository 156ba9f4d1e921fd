/**
 * `npm run bench`: every benchmark of the project, one after the other, each in a process of its
 * own (so none inherits another's heap, JIT or open handles), into the one report,
 * tests/bench/RESULTS.md. Each benchmark writes its own section with the machine, its figures and
 * the reference it is compared against in the same run; this script adds a summary of the run at
 * the top: what ran, with which arguments, how long it took and whether it succeeded.
 *
 * `--quick` runs the aggregation on 10,000 and 100,000 ratings (not 1,000,000), the load test for
 * 20 s and the overhead and throughput benchmarks with fewer iterations and shorter runs.
 * `--only name,name` runs some of them (names as in the table below).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machine, RESULTS_FILE, writeSection } from './results.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const quick = values.quick;
const only = values.only ? new Set(values.only.split(',')) : null;

interface Benchmark {
  name: string;
  file: string;
  args: string[];
  what: string;
}

/** In order: the long store-bound one first, the ones that start servers last. */
const BENCHMARKS: Benchmark[] = [
  {
    name: 'aggregation',
    file: 'tests/bench/aggregation.ts',
    args: quick ? ['--sizes', '10000,100000'] : [],
    what: 'rating aggregation throughput and cost',
  },
  { name: 'bundles', file: 'tests/bench/bundles.ts', args: [], what: 'Lambda bundle sizes and load times' },
  { name: 'web-budget', file: 'tests/bench/web-budget.ts', args: [], what: 'bytes the citizen pages send' },
  {
    name: 'api-overhead',
    file: 'tests/bench/api-overhead.ts',
    args: quick ? ['--quick'] : [],
    what: 'request overhead over the store calls; capacity units',
  },
  {
    name: 'throughput',
    file: 'tests/bench/throughput.ts',
    args: quick ? ['--quick'] : [],
    what: 'local server throughput against a bare Hono app',
  },
  {
    name: 'load',
    file: 'tests/e2e/load.ts',
    args: ['--seconds', quick ? '20' : '60', '--report'],
    what: 'sustained mixed load, checked against the store',
  },
];

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function run(benchmark: Benchmark): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [benchmark.file, ...benchmark.args], { stdio: 'inherit', env: process.env });
    child.once('exit', (code, signal) => resolve(signal ? null : code));
    child.once('error', () => resolve(null));
  });
}

/** The summary goes right under the report's title, before the benchmarks' own sections. */
async function moveToTop(title: string) {
  const text = await readFile(RESULTS_FILE, 'utf8');
  const pattern = new RegExp(`## ${title}\\n[\\s\\S]*?(?=\\n## |$)`);
  const section = pattern.exec(text)?.[0];
  if (!section) return;
  const rest = text.replace(pattern, '').replace(/\n{3,}/g, '\n\n');
  const firstSection = rest.indexOf('\n## ');
  const next =
    firstSection < 0
      ? `${rest.trimEnd()}\n\n${section.trim()}\n`
      : `${rest.slice(0, firstSection).trimEnd()}\n\n${section.trim()}\n${rest.slice(firstSection)}`;
  await writeFile(RESULTS_FILE, next.endsWith('\n') ? next : `${next}\n`);
}

const started = new Date();
const outcomes: Array<{ benchmark: Benchmark; status: string; seconds: number }> = [];
for (const benchmark of BENCHMARKS) {
  if (only && !only.has(benchmark.name)) continue;
  if (!existsSync(benchmark.file)) {
    outcomes.push({ benchmark, status: 'not present', seconds: 0 });
    continue;
  }
  console.log(`\n=== ${benchmark.name}: ${benchmark.file} ${benchmark.args.join(' ')}\n`);
  const t0 = performance.now();
  const code = await run(benchmark);
  const seconds = (performance.now() - t0) / 1000;
  outcomes.push({ benchmark, status: code === 0 ? 'ok' : code === null ? 'killed' : `exit ${code}`, seconds });
}

const failed = outcomes.filter((o) => o.status !== 'ok' && o.status !== 'not present');
const body = [
  `Machine: ${machine()}. Run ${started.toISOString()} – ${new Date().toISOString()} by \`npm run bench${quick ? ' -- --quick' : ''}\`${only ? ` (only ${[...only].join(', ')})` : ''}. Each benchmark ran in a process of its own, one after the other, and wrote its section below with its own reference measured in the same run.`,
  '',
  '| Benchmark | Measures | Command | Time | Result |',
  '| --- | --- | --- | ---: | --- |',
  ...outcomes.map(
    (o) =>
      `| ${o.benchmark.name} | ${o.benchmark.what} | \`tsx ${o.benchmark.file}${o.benchmark.args.length ? ` ${o.benchmark.args.join(' ')}` : ''}\` | ${o.seconds ? `${o.seconds.toFixed(0)} s` : '—'} | ${o.status} |`,
  ),
  ...(only ? ['', 'Sections of benchmarks not run this time are from earlier runs; their own lines say when.'] : []),
].join('\n');
await writeSection('Last run', body);
await moveToTop('Last run');
console.log(`\n${body}`);
if (failed.length > 0) process.exitCode = 1;
