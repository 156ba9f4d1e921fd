import { readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  aggregationSettingsOf,
  ConfigError,
  hostedSignIn,
  LocalConfig,
  parseConfig,
  staffSettingsOf,
} from '../../shared/config.js';
import { pushSettingsOf } from '../../shared/config-push.js';
import { notifierFor } from '../../shared/cases/web-push-notifier.js';
import { AuthError, remoteKeys, staffVerifier, verifierFor, type StaffVerifier } from '../../shared/auth/verifier.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { overdueNoticesJob } from '../../shared/cases/overdue-job.js';
import { ensureTable, loadBuiltInPlan } from '../../shared/store/bootstrap.js';
import { migrateLegacyRatings } from '../../shared/store/migrate-ratings.js';
import { indexPublishedComments } from '../../shared/store/migrate-comment-index.js';
import { openLocalStore } from './store.js';
import {
  DEV_CLIENT_ID,
  DEV_IDP_PATH,
  devIdentityRoutes,
  devIssuer,
  loadDevKeys,
  writeIssuerFile,
} from './dev-identity.js';
import { ensureWebBuild } from '../../web/build.mjs';
import { createApp } from './app.js';
import { appDeps } from '../../shared/http/deps.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0']);

/**
 * `npm start`: the whole system on one machine. The store is dynalite on disk under DATA_DIR
 * unless DYNAMODB_ENDPOINT names another DynamoDB-compatible endpoint; the aggregation runs on
 * an interval, as the schedule runs it in AWS.
 */
async function main() {
  // The AWS SDK warns, at its first client, that its releases after January 2027 need Node 22. The
  // Lambda functions run Node 22; locally Node 20 is supported (README), so the notice is noise at
  // every start. Silenced as vitest.config.ts silences it; any other value shows it again.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = parseConfig(LocalConfig, process.env);
  const dataDir = resolve(config.DATA_DIR);
  // The citizen pages link content-hashed bundles: build them on a fresh clone (or after a client source changed).
  const webBuilt = await ensureWebBuild();
  const local = await openLocalStore(config, { publish: true });
  const { store } = local;

  const table = await ensureTable(store);
  const plan = readPlanFile();
  // Never over a plan file imported or uploaded under the same id (npm run plan -- import, /staff/plans).
  const loaded = await loadBuiltInPlan(store, plan);
  // A data folder from before ratings carried their plan holds the built-in plan's ratings (docs/data-model.md).
  const migrated = await migrateLegacyRatings(store, plan.id);
  if (Object.values(migrated).some((n) => n > 0)) await aggregationJob(store, aggregationSettingsOf(config))('rebuild');
  // Comments published before the plan's index of comments (GSI2) existed go into it, once.
  await indexPublishedComments(store);

  const voterTokenSecret = config.VOTER_TOKEN_SECRET ?? (await localSecret(join(dataDir, 'voter-token-secret')));
  // Staff sign-in: a real provider if AUTH_ISSUER is set, else the development identity provider,
  // whose issuer (and key set URL) is known once the server listens.
  const devIdp = !config.AUTH_ISSUER && config.DEV_IDP ? await loadDevKeys(dataDir) : null;
  let devVerifier: StaffVerifier | null = null;
  let devIssuerUrl = '';
  const deps = appDeps(store, config, {
    voterTokenSecret,
    clientOrigin: { originVerifyValue: null, trustViewerAddress: config.TRUST_VIEWER_ADDRESS },
    staffAuth: devIdp
      ? {
          verify: (token, expected) =>
            devVerifier
              ? devVerifier.verify(token, expected)
              : Promise.reject(new AuthError('unavailable', 'starting')),
        }
      : verifierFor(staffSettingsOf(config).auth),
    logger: new Logger({ serviceName: 'gongping-api' }),
    // One process steps cases here too: Web Push where VAPID keys are set (docs/configuration.md).
    notifier: notifierFor(pushSettingsOf(config), new Logger({ serviceName: 'gongping-push' })),
    sampleData: config.SAMPLE_DATA,
  });
  const app = createApp(deps);
  // The provider's documents are served beside the app by this server only; the app itself is the Lambda's.
  const devRoutes = devIdp ? devIdentityRoutes(devIdp, () => devIssuerUrl) : null;
  const fetch = (request: Request, env: unknown) =>
    devRoutes && new URL(request.url).pathname.startsWith(`${DEV_IDP_PATH}/`)
      ? devRoutes.fetch(request)
      : app.fetch(request, env);

  const runAggregation = aggregationJob(store, aggregationSettingsOf(config));
  // The deadline check runs beside it, as its own schedule does in AWS (infra/constructs/overdue.ts).
  const tellOverdue = overdueNoticesJob(store, deps.notifier);
  let aggregating: Promise<unknown> | null = null;
  const tick = () => {
    // Runs never pile up: a tick while one is running is skipped, like reserved concurrency 1.
    aggregating ??= Promise.all([
      runAggregation()
        .then((report) => {
          if (report.entries > 0)
            deps.logger.info('aggregation run', {
              entries: report.entries,
              countsUpdated: report.countsUpdated,
              durationMs: Math.round(report.durationMs),
            });
        })
        .catch((error: unknown) => deps.logger.error('aggregation run failed', { error })),
      tellOverdue()
        .then((report) => {
          if (report.told.length > 0) deps.logger.info('overdue sweep', { told: report.told.length });
        })
        .catch((error: unknown) => deps.logger.error('overdue sweep failed', { error })),
    ]).finally(() => (aggregating = null));
  };
  const timer = config.AGGREGATE_EVERY > 0 ? setInterval(tick, config.AGGREGATE_EVERY * 1000) : null;

  const server = serve({ fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    if (devIdp) {
      devIssuerUrl = devIssuer(`http://localhost:${info.port}`);
      const host = ['0.0.0.0', '127.0.0.1', 'localhost'].includes(config.HOST)
        ? '127.0.0.1'
        : config.HOST.includes(':')
          ? `[${config.HOST === '::' ? '::1' : config.HOST}]`
          : config.HOST;
      devVerifier = staffVerifier({
        issuer: devIssuerUrl,
        clientIds: [DEV_CLIENT_ID],
        keys: remoteKeys(`http://${host}:${info.port}${DEV_IDP_PATH}/.well-known/jwks.json`),
      });
      // The browser signs in at the issuer's address; the server redeems codes over loopback, like the key set.
      deps.signIn = hostedSignIn(devIssuerUrl, DEV_CLIENT_ID, `http://${host}:${info.port}${DEV_IDP_PATH}`);
      void writeIssuerFile(dataDir, devIssuerUrl);
    }
    console.log(
      [
        `gongping is listening on http://${LOOPBACK.has(config.HOST) ? 'localhost' : config.HOST}:${info.port}/api/v1/plan`,
        `  store: ${local.description} (table ${config.TABLE_NAME}, ${table})`,
        `  plan: ${plan.id}, ${plan.indicators.length} indicators, ${plan.projects.length} projects (${loaded === 'kept' ? 'kept: the store has a file imported under this id' : loaded})`,
        `  web: http://${LOOPBACK.has(config.HOST) ? 'localhost' : config.HOST}:${info.port}/ (bundles in web/dist, ${webBuilt ? 'built now' : 'up to date'})`,
        ...(config.SAMPLE_DATA
          ? ['  sample data: on (npm run demo): a banner on every page, Gongping-Sample-Data: true on every answer']
          : []),
        `  aggregation: ${timer ? `every ${config.AGGREGATE_EVERY} s` : 'off'} (npm run aggregate runs it now)`,
        `  staff sign-in: ${devIdp ? `development identity provider ${devIssuerUrl} (a token: npm run token -- --role monitor)` : config.AUTH_ISSUER ? config.AUTH_ISSUER : 'off (DEV_IDP=false and no AUTH_ISSUER): staff routes refuse everyone'}`,
        `  staff pages: http://${LOOPBACK.has(config.HOST) ? 'localhost' : config.HOST}:${info.port}/staff${devIdp ? ' (sign in with any user name and the roles you tick)' : deps.signIn ? '' : ' (off: no AUTH_SIGN_IN_URL)'}`,
      ].join('\n'),
    );
  });

  const stop = () => {
    if (timer) clearInterval(timer);
    server.close(() => {
      void (async () => {
        await aggregating;
        await local.close();
        process.exit(0);
      })();
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
