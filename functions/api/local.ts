import { readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { ConfigError, LocalConfig, parseConfig } from '../../shared/config.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { ensureTable, loadPlan } from '../../shared/store/bootstrap.js';
import { openLocalStore } from '../local/store.js';
import { createApp } from './app.js';
import { apiDeps } from './deps.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0']);

/**
 * `npm start`: the whole system on one machine. The store is dynalite on disk under DATA_DIR
 * unless DYNAMODB_ENDPOINT names another DynamoDB-compatible endpoint; the aggregation runs on
 * an interval, as the schedule runs it in AWS.
 */
async function main() {
  const config = parseConfig(LocalConfig, process.env);
  const dataDir = resolve(config.DATA_DIR);
  const local = await openLocalStore(config, { publish: true });
  const { store } = local;

  const table = await ensureTable(store);
  const plan = readPlanFile();
  const loaded = await loadPlan(store, plan);

  const voterTokenSecret = config.VOTER_TOKEN_SECRET ?? (await localSecret(join(dataDir, 'voter-token-secret')));
  const deps = apiDeps(store, { planId: config.PLAN_ID, cookieSecure: config.COOKIE_SECURE, voterTokenSecret, minRatings: config.MIN_RATINGS });
  const app = createApp(deps);

  const runAggregation = aggregationJob(store, {
    planId: config.PLAN_ID,
    minRatings: config.MIN_RATINGS,
    settleSeconds: config.AGGREGATE_SETTLE_SECONDS,
    maxBatch: config.AGGREGATE_MAX_BATCH,
  });
  let aggregating: Promise<void> | null = null;
  const tick = () => {
    // Runs never pile up: a tick while one is running is skipped, like reserved concurrency 1.
    aggregating ??= runAggregation()
      .then((report) => {
        if (report.entries > 0) deps.logger.info('aggregation run', { entries: report.entries, countsUpdated: report.countsUpdated, durationMs: Math.round(report.durationMs) });
      })
      .catch((error: unknown) => deps.logger.error('aggregation run failed', { error }))
      .finally(() => (aggregating = null));
  };
  const timer = config.AGGREGATE_EVERY > 0 ? setInterval(tick, config.AGGREGATE_EVERY * 1000) : null;

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(
      [
        `gongping is listening on http://${LOOPBACK.has(config.HOST) ? 'localhost' : config.HOST}:${info.port}/api/v1/plan`,
        `  store: ${local.description} (table ${config.TABLE_NAME}, ${table})`,
        `  plan: ${plan.id}, ${plan.indicators.length} indicators, ${plan.projects.length} projects (${loaded})`,
        `  aggregation: ${timer ? `every ${config.AGGREGATE_EVERY} s` : 'off'} (npm run aggregate runs it now)`,
      ].join('\n'),
    );
  });

  const stop = () => {
    if (timer) clearInterval(timer);
    server.close(async () => {
      await aggregating;
      await local.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A secret made once per data folder, so voter tokens survive restarts of the local server. */
async function localSecret(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return (await readFile(path, 'utf8')).trim();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
