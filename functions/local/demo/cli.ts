import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { ConfigError, LocalConfig, parseConfig } from '../../../shared/config.js';
import { appDeps } from '../../../shared/http/deps.js';
import { checkPlanFile } from '../../../shared/plan/file.js';
import { loadPlan as builtInPlan } from '../../../shared/plan/load.js';
import type { Plan } from '../../../shared/plan/document.js';
import { openLocalStore } from '../store.js';
import { DEFAULT_RATINGS, DEFAULT_SEED, demoCounts, demoDataset } from './dataset.js';
import { loadDemo } from './load.js';
import { DEMO_DATA_DIR, demoFolderRefusal, refusal, SAMPLE_PLAN_FILE } from './guard.js';

/**
 * `npm run demo`: npm start on its own data folder, filled with a synthetic data set and marked as
 * sample data on every page and every answer. It never touches the default data folder, another
 * DynamoDB endpoint or an AWS table: the variables that would point it there are refused.
 */

const USAGE = `usage: npm run demo [-- --seed TEXT --ratings N --fresh --folder DIR]

Starts the site on ${DEMO_DATA_DIR}/ with a synthetic data set (seed "${DEFAULT_SEED}", ${DEFAULT_RATINGS} ratings unless told
otherwise), generated once and kept; --fresh, or another seed or size, generates it again; --folder keeps it in
another folder than ${DEMO_DATA_DIR}/ (never npm start's own). See docs/demo.md.`;

/** Raised when the generator changes what a seed gives, so that a kept data set of an older one is made again. */
const GENERATOR_VERSION = 3;

interface Marker {
  version: number;
  seed: string;
  ratings: number;
}

async function readMarker(dataDir: string): Promise<Marker | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'demo.json'), 'utf8')) as Marker;
  } catch {
    return null;
  }
}

function samplePlan(bytes: Buffer): Plan {
  const checked = checkPlanFile(bytes);
  if (!checked.ok) throw new Error(`${SAMPLE_PLAN_FILE} is not a valid plan file`);
  return checked.plan;
}

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: DEFAULT_SEED },
      ratings: { type: 'string', default: String(DEFAULT_RATINGS) },
      fresh: { type: 'boolean', default: false },
      folder: { type: 'string', default: DEMO_DATA_DIR },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const refused = refusal(process.env) ?? demoFolderRefusal(values.folder, parseConfig(LocalConfig, {}).DATA_DIR);
  if (refused) throw new ConfigError(refused);
  const wanted: Marker = { version: GENERATOR_VERSION, seed: values.seed, ratings: Number(values.ratings) };
  if (!Number.isInteger(wanted.ratings) || wanted.ratings < 1 || wanted.ratings > 100_000)
    throw new ConfigError('--ratings: a whole number from 1 to 100000');

  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = resolve(values.folder);
  const config = parseConfig(LocalConfig, { ...process.env, DATA_DIR: dataDir, SAMPLE_DATA: 'true' });
  const marker = await readMarker(dataDir);
  if (values.fresh || JSON.stringify(marker) !== JSON.stringify(wanted)) {
    // The folder holds nothing but an earlier demo (or a half-written one): start it again from nothing.
    await rm(dataDir, { recursive: true, force: true });
    const plans = [builtInPlan(), samplePlan(await readFile(SAMPLE_PLAN_FILE))];
    const dataset = demoDataset(plans[0]!, plans[1]!, wanted);
    console.log(`demo: generating seed "${wanted.seed}": ${JSON.stringify(demoCounts(dataset))}`);
    const local = await openLocalStore(config, { publish: false });
    try {
      const deps = appDeps(local.store, config, {
        voterTokenSecret: 'demo-only-secret-never-used-for-real-voters',
        clientOrigin: { originVerifyValue: null, trustViewerAddress: false },
        staffAuth: null,
        logger: new Logger({ serviceName: 'gongping-demo', logLevel: 'WARN' }),
      });
      const started = Date.now();
      const report = await loadDemo(local.store, deps, plans, dataset, (done, total) =>
        console.log(`demo: ${done}/${total} ratings written`),
      );
      console.log(
        `demo: loaded in ${Math.round((Date.now() - started) / 1000)} s; aggregation counted ${report.aggregation.entries} log entries`,
      );
    } finally {
      await local.close();
    }
    await writeFile(join(dataDir, 'demo.json'), `${JSON.stringify(wanted)}\n`);
  } else {
    console.log(`demo: ${values.folder} already holds seed "${wanted.seed}" (--fresh generates it again)`);
  }
  // npm start itself, on the demo's folder and marked as sample data (shared/config.ts SAMPLE_DATA).
  process.env.DATA_DIR = dataDir;
  process.env.SAMPLE_DATA = 'true';
  // The unscoped pages show the plan the data set fills; the sample plan, in force by date but
  // still empty, is one click away in the plan list.
  process.env.CURRENT_PLAN ||= builtInPlan().id;
  await import('../server.js');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
