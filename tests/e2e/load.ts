/**
 * Load test (issue 7): a sustained mix of public reads and feedback submissions against
 * `npm start`'s server on loopback, bounded in time; then checks that every submission answered
 * 201 is in the store and, after an aggregation run, in the counts, and that none refused is.
 * Prints the figures, exits non-zero on any failure, and with --report (as `npm run bench` runs it)
 * writes them to tests/bench/RESULTS.md, section "Load"; `npm test` leaves the committed report alone.
 * Run: npx tsx tests/e2e/load.ts [--seconds 60] [--connections 8] [--report]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { loadPlan } from '../../shared/plan/load.js';
import { createDocumentClient } from '../../shared/store/client.js';
import { machine, writeSection } from '../bench/results.js';
import { startServer, TSX as tsx } from '../helpers/local-server.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '8' },
    report: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const plan = loadPlan();
const targets = [
  ...plan.indicators.map((i) => ['indicator', i.id]),
  ...plan.projects.map((p) => ['project', p.id]),
] as const;
/** Low enough that the run crosses it, so refusals are exercised too. */
const PER_ADDRESS = 600;
/** As in AWS: the server reads the plan and the published summaries at most every 10 s. */
const READ_CACHE_SECONDS = 10;

const startLoadServer = (dataDir: string) =>
  startServer({
    DATA_DIR: dataDir,
    AGGREGATE_EVERY: '0',
    AGGREGATE_SETTLE_SECONDS: '0',
    RATE_LIMIT_WINDOW_SECONDS: '3600',
    RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
    RATE_LIMIT_PER_VOTER: '1000000',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    READ_CACHE_SECONDS: String(READ_CACHE_SECONDS),
  });

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'gongping-load-'));
  const server = await startLoadServer(dataDir);
  const { base } = server;
  const accepted = new Set<string>();
  let submissionsSent = 0;
  const statuses = new Map<number, number>();
  let failures: string[] = [];
  try {
    const result = await autocannon({
      url: base,
      connections,
      duration: seconds,
      requests: [
        { method: 'GET', path: '/api/v1/indicators' },
        { method: 'GET', path: '/api/v1/indicators/gdp' },
        { method: 'GET', path: '/api/v1/plan' },
        {
          method: 'POST',
          path: '/api/v1/feedback',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            submissionsSent += 1;
            const [targetType, targetId] = targets[Math.floor(Math.random() * targets.length)]!;
            // No voter token: every submission is a new citizen's first rating.
            return {
              ...request,
              body: JSON.stringify({ targetType, targetId, rating: 1 + Math.floor(Math.random() * 5) }),
            };
          },
          onResponse: (status, body) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status === 201) accepted.add((JSON.parse(body) as { feedbackId: string }).feedbackId);
          },
        },
      ],
    });

    // Requests in flight when the clock ran out reach the server without their answer reaching us:
    // let the server finish them, then they may be stored but can never have been refused.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const answered = [...statuses.values()].reduce((a, b) => a + b, 0);
    const inFlight = submissionsSent - answered;

    // Every 201 is in the store, and nothing else is but what was still in flight.
    const { endpoint } = JSON.parse(await readFile(join(dataDir, 'dynalite.json'), 'utf8')) as { endpoint: string };
    const client = createDocumentClient({ region: 'local', endpoint });
    const stored = new Set<string>();
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: 'gongping',
          ExclusiveStartKey,
          FilterExpression: '#type = :feedback',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':feedback': 'feedback' },
        }),
      );
      for (const item of page.Items ?? []) stored.add(String(item.feedbackId));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    client.destroy();
    const missing = [...accepted].filter((id) => !stored.has(id));
    const extra = [...stored].filter((id) => !accepted.has(id));
    if (missing.length) failures.push(`${missing.length} submissions answered 201 are not in the store`);
    if (extra.length > inFlight)
      failures.push(
        `${extra.length} stored submissions were never answered 201, more than the ${inFlight} in flight at the end`,
      );

    // After an aggregation run, every accepted rating is counted once.
    const aggregation = spawn(tsx, ['functions/aggregate/cli.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, AGGREGATE_SETTLE_SECONDS: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const aggregated = await new Promise<number | null>((resolve) => aggregation.once('exit', resolve));
    if (aggregated !== 0) failures.push(`the aggregation run exited ${aggregated}`);
    // The server keeps published summaries for READ_CACHE_SECONDS, as a Lambda container does: the
    // new counts show once the cached copy expires.
    let summary = { plan: { count: -1 } };
    for (
      const deadline = Date.now() + (READ_CACHE_SECONDS + 5) * 1000;
      Date.now() < deadline;
      await new Promise((r) => setTimeout(r, 500))
    ) {
      summary = (await (await fetch(`${base}/api/v1/ratings?group=plan&period=all`)).json()) as {
        plan: { count: number };
      };
      if (summary.plan.count === stored.size) break;
    }
    if (summary.plan.count !== stored.size)
      failures.push(`the plan counts ${summary.plan.count} ratings; ${stored.size} are stored`);

    const refused = statuses.get(429) ?? 0;
    if (refused === 0) failures.push('no submission crossed the rate limit; the refusal path was not exercised');
    const unexpected = [...statuses].filter(([status]) => status !== 201 && status !== 429);
    if (unexpected.length)
      failures.push(`unexpected submission answers: ${JSON.stringify(Object.fromEntries(unexpected))}`);
    if (result.errors > 0 || result.timeouts > 0)
      failures.push(`${result.errors} connection errors, ${result.timeouts} timeouts`);
    const non2xx = result.non2xx - refused;
    if (non2xx > 0) failures.push(`${non2xx} non-2xx answers besides the rate limit's 429s`);

    const body = `
Machine: ${machine()}. Written ${new Date().toISOString()} by \`tests/e2e/load.ts\` (with --report, as \`npm run bench\` runs it).
\`npm start\`'s server (dynalite on disk, one Node.js process) on loopback; autocannon with ${connections} connections for ${seconds} s, cycling
\`GET /api/v1/indicators\`, \`GET /api/v1/indicators/gdp\`, \`GET /api/v1/plan\` and \`POST /api/v1/feedback\` (a new citizen each time, random target and rating);
rate limit ${PER_ADDRESS.toLocaleString('en')} submissions per address per hour, so the run crosses it.

| Figure | Value |
| --- | ---: |
| Requests | ${result.requests.total.toLocaleString('en')} |
| Throughput | ${result.requests.average.toFixed(0)} req/s (mean), ${result.throughput.average ? (result.throughput.average / 1024).toFixed(0) : '?'} KiB/s |
| Latency p50 / p90 / p99 / max | ${result.latency.p50} / ${result.latency.p90} / ${result.latency.p99} / ${result.latency.max} ms |
| Submissions accepted (201) | ${accepted.size.toLocaleString('en')} |
| Submissions refused (429) | ${refused.toLocaleString('en')} |
| Other errors, timeouts | ${result.errors} / ${result.timeouts} |
| Accepted and in the store | ${(accepted.size - missing.length).toLocaleString('en')} of ${accepted.size.toLocaleString('en')} |
| In flight when the run ended (sent, answer not received) | ${inFlight} |
| Stored but not answered 201 (must be at most the in-flight ones) | ${extra.length} |
| Counted by the aggregation | ${summary.plan.count.toLocaleString('en')} |
| Checks | ${failures.length === 0 ? 'all passed' : failures.join('; ')} |
`;
    if (values.report) await writeSection('Load', body);
    console.log(body);
  } catch (error) {
    failures = [...failures, String(error)];
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`load test failed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}

await main();
