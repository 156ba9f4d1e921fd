import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ConfigError, LocalConfig, parseConfig } from '../../shared/config.js';
import type { Plan } from '../../shared/plan/document.js';
import {
  checkPlanFile,
  MAX_PLAN_FILE_BYTES,
  planContentHash,
  type PlanFileCheck,
  type PlanFileProblem,
} from '../../shared/plan/file.js';
import { PLAN_FORMAT_SCHEMA_PATH } from '../../shared/plan/format.js';
import { ensureTable, listPlans, loadPlan, openTable, TableTarget } from '../../shared/store/bootstrap.js';
import type { Store } from '../../shared/store/client.js';
import { planRepository, type PlanSnapshot } from '../../shared/store/plan-repository.js';
import { auditRepository } from '../../shared/store/audit-repository.js';
import type { AuditActor } from '../../shared/audit/entry.js';
import { PLAN_STATUSES, PlanStatus, PlanStatusError } from '../../shared/plan/lifecycle.js';
import { changePlanStatus, droppedItems } from '../../shared/publishing/plans.js';
import { openLocalStore } from './store.js';

/** Who the audit log names for a change of status made here: the operator's account on this machine. */
const CLI_ACTOR: AuditActor = {
  kind: 'system',
  sub: 'plan-cli',
  name: `npm run plan (${userInfo().username})`,
  roles: [],
};

const USAGE = `usage: npm run plan -- <command>

  check FILE     check a plan file; writes nothing
  import FILE    check a plan file and load it into the store, unless that version is there already;
                 a new plan is a draft (staff only) unless --status published (or closed) says otherwise;
                 --status on a stored plan changes its status as the staff page does, audited
  list [--json]  the plans in the store, with their status

The store is that of npm start (DATA_DIR, or DYNAMODB_ENDPOINT; TABLE_NAME), or with
--table <table name> --region <aws region> [--endpoint <url>] a table CDK created, reached as
npm run seed reaches it. The format: docs/plan-format.md; its JSON Schema: ${PLAN_FORMAT_SCHEMA_PATH}.`;

/** Exit codes: 0 done, 1 a bad plan file or a refused import or a store error, 2 a wrong command line. */
class UsageError extends Error {
  override name = 'UsageError';
}
class Refused extends Error {
  override name = 'Refused';
}

interface Command {
  name: 'check' | 'import' | 'list';
  file?: string;
  target?: TableTarget;
  json: boolean;
  status?: PlanStatus;
}

const OPTIONS = {
  table: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  status: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function parseCommand(argv: string[]): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [name, file, ...extra] = positionals;
  if (name !== 'check' && name !== 'import' && name !== 'list')
    throw new UsageError(name ? `unknown command ${name}` : 'which command?');
  if (name === 'list' ? file !== undefined : file === undefined || extra.length > 0) {
    throw new UsageError(name === 'list' ? 'list takes no file' : `${name} takes one file`);
  }
  let status: PlanStatus | undefined;
  if (values.status !== undefined) {
    if (name !== 'import') throw new UsageError('--status is for import');
    const parsed = PlanStatus.safeParse(values.status);
    if (!parsed.success) throw new UsageError(`--status: one of ${PLAN_STATUSES.join(', ')}`);
    status = parsed.data;
  }
  let target: TableTarget | undefined;
  if (values.table !== undefined || values.region !== undefined || values.endpoint !== undefined) {
    if (name === 'check')
      throw new UsageError('check reads no store: --table, --region and --endpoint are for import and list');
    const result = TableTarget.safeParse({ table: values.table, region: values.region, endpoint: values.endpoint });
    if (!result.success)
      throw new UsageError(
        result.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'),
      );
    target = result.data;
  }
  return {
    name,
    ...(file !== undefined ? { file } : {}),
    ...(target ? { target } : {}),
    ...(status ? { status } : {}),
    json: values.json,
  };
}

async function readPlan(file: string): Promise<PlanFileCheck> {
  const size = await stat(file)
    .then((s) => s.size)
    .catch((error: NodeJS.ErrnoException) => {
      throw new Refused(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
  // Refused before reading it whole: a plan file is small.
  if (size > MAX_PLAN_FILE_BYTES) return checkPlanFile(new Uint8Array(MAX_PLAN_FILE_BYTES + 1));
  return checkPlanFile(await readFile(file));
}

const counts = (plan: Pick<Plan, 'indicators' | 'history' | 'projects'>) =>
  `${plan.indicators.length} indicators, ${plan.history.length} history rows, ${plan.projects.length} projects`;

function problemLines(file: string, problems: PlanFileProblem[]): string {
  const lines = problems.map((p) => `  ${p.path}${p.item ? ` (${p.item})` : ''}: ${p.message}`);
  return `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written\n${lines.join('\n')}`;
}

/** The store to read or write, and how to name it; a local one gets its table as npm start makes it. */
async function openStore(
  command: Command,
): Promise<{ store: Store; description: string; close(): Promise<void>; local: boolean }> {
  if (command.target) {
    const store = openTable(command.target);
    return {
      store,
      description: `table ${command.target.table}`,
      close: () => {
        store.client.destroy();
        return Promise.resolve();
      },
      local: false,
    };
  }
  const config = parseConfig(LocalConfig, process.env);
  const local = await openLocalStore(config, { publish: false });
  return {
    store: local.store,
    description: `${local.description} (table ${config.TABLE_NAME})`,
    close: () => local.close(),
    local: true,
  };
}

async function run(command: Command): Promise<void> {
  if (command.name === 'list') return list(command);
  const file = command.file!;
  const checked = await readPlan(file);
  if (!checked.ok) throw new Refused(problemLines(file, checked.problems));
  const { plan } = checked;
  if (command.name === 'check') {
    console.log(`${file}: a valid plan file: plan ${plan.id}, ${plan.periodStart}–${plan.periodEnd}, ${counts(plan)}`);
    return;
  }
  const opened = await openStore(command);
  try {
    if (opened.local) await ensureTable(opened.store);
    const stored = await planRepository(opened.store).snapshot(plan.id);
    if (stored && stored.plan.contentHash !== planContentHash(plan)) {
      const lost = droppedItems(stored, plan);
      if (lost.length > 0) {
        throw new Refused(
          `${file}: plan ${plan.id} in ${opened.description} has items this file does not: ${lost.join(', ')}.\n` +
            'Stored items are never deleted (ratings and values refer to them): keep their ids in the file, or load it under a new plan id. Nothing was written.',
        );
      }
    }
    const outcome = await loadPlan(opened.store, plan, {
      status: command.status ?? 'draft',
      loadedBy: 'import',
    });
    console.log(
      outcome === 'loaded'
        ? `loaded plan ${plan.id} into ${opened.description}: ${counts(plan)}`
        : `plan ${plan.id} in ${opened.description} is already this version: nothing written`,
    );
    const now = await planRepository(opened.store).getPlan(plan.id);
    if (now && command.status && now.status !== command.status) {
      await changePlanStatus(
        { plans: planRepository(opened.store), audit: auditRepository(opened.store) },
        { planId: plan.id, to: command.status, reason: null },
        CLI_ACTOR,
        new Date(),
      ).catch((error: unknown) => {
        throw error instanceof PlanStatusError ? new Refused(`${file}: ${error.message}`) : error;
      });
      console.log(`plan ${plan.id} is now ${command.status} (in the audit log)`);
    } else if (now) {
      console.log(
        `plan ${plan.id} is ${now.status}${now.status === 'draft' ? ': staff see it; publish it on /staff/plans or with --status published' : ''}`,
      );
    }
  } finally {
    await opened.close();
  }
}

async function list(command: Command): Promise<void> {
  const opened = await openStore(command);
  let plans: PlanSnapshot[];
  try {
    plans = await listPlans(opened.store).catch((error: unknown) => {
      // A local store before the first npm start or import has no table: no plans.
      if (opened.local && error instanceof ResourceNotFoundException) return [];
      throw error;
    });
  } finally {
    await opened.close();
  }
  const rows = plans.map(({ plan, indicators, history, projects, observations }) => ({
    id: plan.id,
    titleZh: plan.titleZh,
    titleEn: plan.titleEn,
    period: `${plan.periodStart}–${plan.periodEnd}`,
    indicators: indicators.length,
    history: history.length,
    projects: projects.length,
    observations: observations.length,
    status: plan.status,
    contentHash: plan.contentHash,
  }));
  if (command.json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    console.log(`no plans in ${opened.description}`);
    return;
  }
  console.log(`${rows.length} plan${rows.length === 1 ? '' : 's'} in ${opened.description}:`);
  for (const row of rows) {
    console.log(
      [
        `${row.id}  ${row.period}  ${row.status}  ${row.titleEn}`,
        `  ${row.titleZh}`,
        `  ${row.indicators} indicators, ${row.history} history rows, ${row.projects} projects, ${row.observations} published value revisions`,
        `  loaded file: sha256 of its content ${row.contentHash}`,
      ].join('\n'),
    );
  }
}

async function main() {
  // As npm start does: the SDK's notice that releases after January 2027 need Node 22 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const command = parseCommand(process.argv.slice(2));
  if (command === 'help') console.log(USAGE);
  else await run(command);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof Refused || error instanceof ConfigError) console.error(error.message);
  else if (error instanceof ResourceNotFoundException) console.error(`no such table: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
