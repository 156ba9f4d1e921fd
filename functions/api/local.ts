import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { ConfigError, LocalConfig, parseConfig } from '../../shared/config.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { ensureTable, loadPlan } from '../../shared/store/bootstrap.js';
import { createDocumentClient } from '../../shared/store/client.js';
import { startDynalite } from '../../shared/store/dynalite.js';
import { createApp } from './app.js';
import { apiDeps } from './deps.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0']);

/**
 * `npm start`: the whole system on one machine. The store is dynalite on disk under DATA_DIR
 * unless DYNAMODB_ENDPOINT names another DynamoDB-compatible endpoint.
 */
async function main() {
  const config = parseConfig(LocalConfig, process.env);
  const dataDir = resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });

  const embedded = config.DYNAMODB_ENDPOINT ? null : await startDynalite({ path: join(dataDir, 'dynamodb') });
  const endpoint = config.DYNAMODB_ENDPOINT ?? embedded!.endpoint;
  const store = { client: createDocumentClient({ region: config.AWS_REGION, endpoint }), tableName: config.TABLE_NAME };

  const table = await ensureTable(store);
  const plan = readPlanFile();
  const loaded = await loadPlan(store, plan);

  const voterTokenSecret = config.VOTER_TOKEN_SECRET ?? (await localSecret(join(dataDir, 'voter-token-secret')));
  const app = createApp(apiDeps(store, { planId: config.PLAN_ID, cookieSecure: config.COOKIE_SECURE, voterTokenSecret }));

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(
      [
        `gongping is listening on http://${LOOPBACK.has(config.HOST) ? 'localhost' : config.HOST}:${info.port}/api/v1/plan`,
        `  store: ${embedded ? `dynalite at ${join(dataDir, 'dynamodb')}` : endpoint} (table ${config.TABLE_NAME}, ${table})`,
        `  plan: ${plan.id}, ${plan.indicators.length} indicators, ${plan.projects.length} projects (${loaded})`,
      ].join('\n'),
    );
  });

  const stop = () => {
    server.close(async () => {
      await embedded?.close();
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
