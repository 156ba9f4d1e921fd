import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import '../shared/validation-messages.js';
import { loadPlan as readPlanFile } from '../shared/plan/load.js';
import { loadPlan } from '../shared/store/bootstrap.js';
import { createDocumentClient } from '../shared/store/client.js';

/**
 * `npm run seed -- --table <name> --region <region>`: loads the plan into a table that CDK created.
 * It never creates or changes the table (the data stack owns it), and it is idempotent: the plan's
 * items are written only if the stored plan's content hash differs from the file's, and a reload
 * touches only the plan's own items (observations and feedback are separate items).
 */

const USAGE = 'usage: npm run seed -- --table <table name> --region <aws region> [--endpoint <url>]';

export const SeedArgs = z.strictObject({
  table: z.string().check(z.regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name (the TableName output of the data stack)')),
  region: z.string().check(z.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$|^local$/, 'an AWS region name such as ap-east-1')),
  /** A DynamoDB-compatible endpoint (DynamoDB Local, dynalite) for rehearsals; absent in AWS. */
  endpoint: z.optional(z.url()),
});
export type SeedArgs = z.infer<typeof SeedArgs>;

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
  const client = createDocumentClient({ region: args.region, endpoint: args.endpoint });
  try {
    const outcome = await loadPlan({ client, tableName: args.table }, plan);
    return {
      table: args.table,
      planId: plan.id,
      outcome,
      counts: { indicators: plan.indicators.length, history: plan.history.length, projects: plan.projects.length },
    };
  } finally {
    client.destroy();
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
    console.error(name === 'ResourceNotFoundException' ? `no such table in that region: ${(error as Error).message}` : error);
    process.exit(1);
  });
}
