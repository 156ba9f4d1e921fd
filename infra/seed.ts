import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import '../shared/validation-messages.js';
import { loadPlan as readPlanFile } from '../shared/plan/load.js';
import { loadPlan, openTable, TableTarget } from '../shared/store/bootstrap.js';

/**
 * `npm run seed -- --table <name> --region <region>`: loads the plan into a table that CDK created.
 * It never creates or changes the table (the data stack owns it), and it is idempotent: the plan's
 * items are written only if the stored plan's content hash differs from the file's, and a reload
 * touches only the plan's own items (observations and feedback are separate items).
 */

const USAGE = 'usage: npm run seed -- --table <table name> --region <aws region> [--endpoint <url>]';

/** The table, as `npm run plan -- import FILE --table …` reaches it too (shared/store/bootstrap.ts). */
export const SeedArgs = TableTarget;
export type SeedArgs = TableTarget;

export class SeedUsageError extends Error {
  override name = 'SeedUsageError';
}

export function parseSeedArgs(argv: string[]): SeedArgs {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { table: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SeedUsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const result = SeedArgs.safeParse(values);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  --${issue.path.join('.') || '?'}: ${issue.message}`);
  throw new SeedUsageError(`${lines.join('\n')}\n${USAGE}`);
}

export interface SeedResult {
  table: string;
  planId: string;
  outcome: 'loaded' | 'unchanged';
  counts: { indicators: number; history: number; projects: number };
}

export async function seed(args: SeedArgs): Promise<SeedResult> {
  const plan = readPlanFile();
  const store = openTable(args);
  try {
    const outcome = await loadPlan(store, plan);
    return {
      table: args.table,
      planId: plan.id,
      outcome,
      counts: { indicators: plan.indicators.length, history: plan.history.length, projects: plan.projects.length },
    };
  } finally {
    store.client.destroy();
  }
}

async function main() {
  const args = parseSeedArgs(process.argv.slice(2));
  const result = await seed(args);
  const { indicators, history, projects } = result.counts;
  console.log(
    result.outcome === 'loaded'
      ? `loaded plan ${result.planId} into ${result.table}: ${indicators} indicators, ${history} 13th-plan rows, ${projects} projects`
      : `plan ${result.planId} in ${result.table} is already this version: nothing written`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    if (error instanceof SeedUsageError) {
      console.error(error.message);
      process.exit(2);
    }
    const name = (error as Error).name;
    console.error(
      name === 'ResourceNotFoundException' ? `no such table in that region: ${(error as Error).message}` : error,
    );
    process.exit(1);
  });
}
