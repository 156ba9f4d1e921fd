import type { AuditEntry } from '../audit/entry.js';
import type { Role } from '../auth/roles.js';
import type { WorkCalendar } from '../cases/working-days.js';
import type { AuditQuery, AuditRepository } from '../store/audit-repository.js';
import type { CaseRepository } from '../store/case-repository.js';
import type { PlanRepository } from '../store/plan-repository.js';
import type { ProgressRepository } from '../store/progress-repository.js';
import type { RatingsRepository } from '../store/ratings-repository.js';
import { toCsv } from './csv.js';
import {
  aggregateRows,
  AGGREGATE_COLUMNS,
  caseRows,
  CASE_COLUMNS,
  indicatorRows,
  INDICATOR_COLUMNS,
  projectProgressRows,
  PROJECT_PROGRESS_COLUMNS,
} from './exports.js';
import { observationRows, OBSERVATION_COLUMNS } from './observations.js';
import { PlanNotLoadedError } from '../errors.js';

/**
 * The staff CSV downloads, one definition each, served by the JSON staff routes (bearer token) and
 * the staff pages (session cookie) alike: who may have it, its file name, and its rows.
 */
export interface ExportDeps {
  /** The plan whose figures, summaries and cases are exported. */
  planId: string;
  plans: Pick<PlanRepository, 'snapshot'>;
  progress: Pick<ProgressRepository, 'listAll'>;
  ratings: Pick<RatingsRepository, 'periodSummaries'>;
  cases: Pick<CaseRepository, 'all'>;
  audit: Pick<AuditRepository, 'list'>;
  calendar: WorkCalendar;
}

export type AuditFilter = Omit<AuditQuery, 'limit' | 'cursor'>;

export type StaffExport =
  | { kind: 'indicators' | 'observations' | 'progress' | 'cases' }
  | { kind: 'aggregates'; period: string }
  | { kind: 'audit'; filter: AuditFilter };

export const EXPORT_ROLES: Record<StaffExport['kind'], readonly Role[]> = {
  indicators: ['publisher', 'admin'],
  observations: ['publisher', 'admin'],
  progress: ['publisher', 'admin'],
  aggregates: ['publisher', 'admin'],
  cases: ['monitor', 'admin'],
  audit: ['admin'],
};

/** The audit log as CSV: one row per entry, oldest first within the range. */
export const AUDIT_COLUMNS = [
  'at',
  'audit_id',
  'actor_kind',
  'actor_sub',
  'actor_name',
  'actor_roles',
  'action',
  'subject_type',
  'subject_id',
  'reason',
  'details',
] as const;
const auditRow = (e: AuditEntry) => ({
  at: e.at,
  audit_id: e.auditId,
  actor_kind: e.actor.kind,
  actor_sub: e.actor.sub,
  actor_name: e.actor.name,
  actor_roles: e.actor.roles.join(' '),
  action: e.action,
  subject_type: e.subject.type,
  subject_id: e.subject.id,
  reason: e.reason ?? '',
  details: e.details,
});

export async function staffExport(deps: ExportDeps, request: StaffExport): Promise<{ name: string; body: string }> {
  const snapshot = async () => {
    const found = await deps.plans.snapshot(deps.planId);
    if (!found) throw new PlanNotLoadedError('the plan has not been loaded');
    return found;
  };
  switch (request.kind) {
    case 'indicators':
      return { name: 'gongping-indicators', body: toCsv(INDICATOR_COLUMNS, indicatorRows(await snapshot())) };
    case 'observations': {
      const plan = await snapshot();
      return {
        name: 'gongping-observations',
        body: toCsv(OBSERVATION_COLUMNS, observationRows(plan.indicators, plan.observations)),
      };
    }
    case 'progress': {
      const [plan, revisions] = await Promise.all([snapshot(), deps.progress.listAll(deps.planId)]);
      return {
        name: 'gongping-project-progress',
        body: toCsv(PROJECT_PROGRESS_COLUMNS, projectProgressRows(plan, revisions)),
      };
    }
    case 'aggregates':
      return {
        name: `gongping-ratings-${request.period}`,
        body: toCsv(AGGREGATE_COLUMNS, aggregateRows(await deps.ratings.periodSummaries(deps.planId, request.period))),
      };
    case 'cases':
      return {
        name: 'gongping-cases',
        body: toCsv(CASE_COLUMNS, caseRows(await deps.cases.all(deps.planId), deps.calendar)),
      };
    case 'audit':
      return auditExport(deps, request.filter);
  }
}

/** The audit log as CSV: of every plan and of what belongs to none, so it needs no plan. */
export async function auditExport(
  deps: Pick<ExportDeps, 'audit'>,
  filter: AuditFilter,
): Promise<{ name: string; body: string }> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.audit.list({ ...filter, limit: 200, cursor });
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { name: 'gongping-audit', body: toCsv(AUDIT_COLUMNS, entries.reverse().map(auditRow)) };
}
