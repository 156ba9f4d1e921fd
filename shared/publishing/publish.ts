import { actorLabel, type Actor } from '../auth/roles.js';
import { staffActor } from '../audit/entry.js';
import { DomainError, NotFoundError, PlanNotLoadedError, type ErrorExtras, type ErrorKind } from '../errors.js';
import type { ProjectStatus } from '../plan/schema.js';
import { indicatorDetailView } from '../plan/views.js';
import { projectWithProgress } from '../plan/progress.js';
import type { SystemReason } from '../plan/revision-reason.js';
import type { AuditRepository } from '../store/audit-repository.js';
import type { PlanRepository, PlanSnapshot } from '../store/plan-repository.js';
import type { ProgressRepository } from '../store/progress-repository.js';
import type { CsvProblem } from './csv.js';
import { decide, planObservationImport, type ObservationInput, type PublishDecision } from './observations.js';
import { planProgressImport } from './progress-import.js';

/**
 * Publishing, as the JSON staff routes and the staff pages both do it: the rules decide, the
 * repositories append a revision, and the audit log says who did it. Nothing is overwritten.
 */
export interface PublishDeps {
  planId: string;
  plans: Pick<PlanRepository, 'getIndicator' | 'listObservations' | 'appendObservation' | 'getProject' | 'snapshot'>;
  progress: Pick<ProgressRepository, 'list' | 'listAll' | 'append'>;
  audit: Pick<AuditRepository, 'append'>;
}

/** A report needs a reason once the project has one: what changed or what it corrects. */
export class ProgressReasonRequired extends DomainError {
  override name = 'ProgressReasonRequired';
  readonly kind: ErrorKind = 'validation-failed';
  override extras(): ErrorExtras {
    return { errors: [{ path: 'reason', message: this.message }] };
  }
}

/** A CSV import with bad rows: nothing was written, and every bad row is reported. */
export class ImportRejected extends DomainError {
  override name = 'ImportRejected';
  readonly kind: ErrorKind = 'validation-failed';
  constructor(readonly problems: CsvProblem[]) {
    super(`${problems.length} problem(s); nothing was imported`);
  }
  /** Every bad row twice: as the validation `errors` every problem has, and whole, without the localizable `why`. */
  override extras(): ErrorExtras {
    return {
      detail: this.message,
      errors: this.problems.map((p) => ({
        path: `line ${p.line}${p.column ? `, ${p.column}` : ''}`,
        message: p.reason,
      })),
      problems: this.problems.map(({ why: _why, ...problem }) => problem),
    };
  }
}

async function snapshotOf(deps: PublishDeps): Promise<PlanSnapshot> {
  const found = await deps.plans.snapshot(deps.planId);
  if (!found) throw new PlanNotLoadedError('the plan has not been loaded');
  return found;
}

/** One yearly value of an indicator: a first value, a correction (with its reason), or nothing new. Throws PublishRuleError. */
export async function publishObservation(
  deps: PublishDeps,
  indicatorId: string,
  input: ObservationInput,
  actor: Actor,
  at: Date,
) {
  const [indicator, revisions] = await Promise.all([
    deps.plans.getIndicator(deps.planId, indicatorId),
    deps.plans.listObservations(deps.planId, indicatorId),
  ]);
  if (!indicator) throw new NotFoundError('indicator', indicatorId);
  const decision = decide(indicator, revisions, input, actorLabel(actor), 'first-publication');
  if (decision.kind === 'unchanged')
    return {
      outcome: 'unchanged' as const,
      observation: decision.current,
      progress: indicatorDetailView(indicator, revisions, []).progress,
    };
  const observation = await deps.plans.appendObservation(deps.planId, decision.observation, at);
  await deps.audit.append(
    {
      actor: staffActor(actor),
      action: 'observation.publish',
      subject: { type: 'indicator', id: indicatorId },
      reason: decision.kind === 'correction' ? observation.reason : null,
      details: {
        year: observation.year,
        value: observation.value,
        revision: observation.revision,
        previous: decision.kind === 'correction' ? decision.previous.value : null,
      },
    },
    at,
  );
  return {
    outcome: decision.kind,
    observation,
    progress: indicatorDetailView(indicator, [...revisions, observation], []).progress,
  };
}

export interface ProgressReport {
  status: ProjectStatus;
  progress: number;
  note: string;
  source?: string | undefined;
  reason?: string | undefined;
}

/** A project's status and progress, as a new revision. Throws ProgressReasonRequired. */
export async function publishProgress(
  deps: PublishDeps,
  projectId: string,
  report: ProgressReport,
  actor: Actor,
  at: Date,
) {
  const [project, revisions] = await Promise.all([
    deps.plans.getProject(deps.planId, projectId),
    deps.progress.list(deps.planId, projectId),
  ]);
  if (!project) throw new NotFoundError('project', projectId);
  if (revisions.length > 0 && !report.reason)
    throw new ProgressReasonRequired(
      'a new report on a project already reported must say why (what changed or what it corrects)',
    );
  const revision = await deps.progress.append(
    deps.planId,
    {
      projectId,
      status: report.status,
      progress: report.progress,
      note: report.note,
      ...(report.source ? { source: report.source } : {}),
      reason: report.reason ?? ('first-report' satisfies SystemReason),
      recordedBy: actorLabel(actor),
    },
    at,
  );
  await deps.audit.append(
    {
      actor: staffActor(actor),
      action: 'progress.publish',
      subject: { type: 'project', id: projectId },
      reason: report.reason ?? null,
      details: { status: report.status, progress: report.progress, revision: revision.revision },
    },
    at,
  );
  return { revision, project: projectWithProgress(project, [...revisions, revision]) };
}

/** A values file, all or nothing: every row checked first; one bad row and nothing is written (ImportRejected). */
export async function importObservations(deps: PublishDeps, text: string, dryRun: boolean, actor: Actor, at: Date) {
  const plan = await snapshotOf(deps);
  const { decisions, problems } = planObservationImport(text, plan.indicators, plan.observations, actorLabel(actor));
  if (problems.length > 0) throw new ImportRejected(problems);
  const writes = decisions
    .map((d) => d.decision)
    .filter((d): d is Exclude<PublishDecision, { kind: 'unchanged' }> => d.kind !== 'unchanged');
  const summary = {
    dryRun,
    rows: decisions.length,
    new: writes.filter((d) => d.kind === 'new').length,
    corrections: writes.filter((d) => d.kind === 'correction').length,
    unchanged: decisions.length - writes.length,
  };
  if (dryRun || writes.length === 0) return { summary, written: false };
  await auditedImport(
    deps,
    { action: 'observation.import', id: `observations@${at.toISOString()}`, summary },
    writes,
    actor,
    at,
    {
      write: (d) => deps.plans.appendObservation(deps.planId, d.observation, at),
      label: (d) => `${d.observation.indicatorId} ${d.observation.year} ${d.kind}`,
    },
  );
  return { summary, written: true };
}

/** A project progress file, all or nothing, like importObservations. */
export async function importProgress(deps: PublishDeps, text: string, dryRun: boolean, actor: Actor, at: Date) {
  const [plan, revisions] = await Promise.all([snapshotOf(deps), deps.progress.listAll(deps.planId)]);
  const { reports, unchanged, problems } = planProgressImport(text, plan.projects, revisions, actorLabel(actor));
  if (problems.length > 0) throw new ImportRejected(problems);
  const summary = { dryRun, rows: reports.length + unchanged, reports: reports.length, unchanged };
  if (dryRun || reports.length === 0) return { summary, written: false };
  await auditedImport(
    deps,
    { action: 'progress.import', id: `progress@${at.toISOString()}`, summary },
    reports,
    actor,
    at,
    {
      write: ({ progress }) => deps.progress.append(deps.planId, progress, at),
      label: ({ progress }) => `${progress.projectId} ${progress.status} ${progress.progress}%`,
    },
  );
  return { summary, written: true };
}

/** How many written rows an import's audit entry names (its details are kept as at most 20,000 characters). */
const AUDITED_CHANGES = 300;

/**
 * Runs an import's writes and audits what they wrote, row by row, even when the store fails
 * midway: the rows are validated together, but written one by one, so a fault can leave the first
 * ones written. Sending the same file again completes it (written rows are then unchanged), and the
 * log says which rows the stopped attempt did write.
 */
async function auditedImport<Row>(
  deps: PublishDeps,
  entry: { action: 'observation.import' | 'progress.import'; id: string; summary: Record<string, unknown> },
  rows: readonly Row[],
  actor: Actor,
  at: Date,
  row: { write: (row: Row) => Promise<unknown>; label: (row: Row) => string },
) {
  const written: string[] = [];
  try {
    for (const r of rows) {
      await row.write(r);
      written.push(row.label(r));
    }
  } finally {
    if (written.length > 0) {
      // Named row by row up to a bound, so a large file still fits the entry; each revision keeps its own reason.
      const listed = written.slice(0, AUDITED_CHANGES);
      const details = {
        ...entry.summary,
        written: written.length,
        complete: written.length === rows.length,
        changes: listed,
        changesNotListed: written.length - listed.length,
      };
      await deps.audit.append(
        {
          actor: staffActor(actor),
          action: entry.action,
          subject: { type: 'import', id: entry.id },
          reason: null,
          details,
        },
        at,
      );
    }
  }
}
