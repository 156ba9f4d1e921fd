import { Hono } from 'hono/tiny';
import { actorLabel } from '../../../shared/auth/roles.js';
import { staffActor } from '../../../shared/audit/entry.js';
import { IndicatorId } from '../../../shared/plan/schema.js';
import { indicatorDetailView } from '../../../shared/plan/views.js';
import { projectWithProgress } from '../../../shared/plan/progress.js';
import { decide, ObservationInput, observationRows, OBSERVATION_COLUMNS, planObservationImport, PublishRuleError } from '../../../shared/publishing/observations.js';
import { planProgressImport } from '../../../shared/publishing/progress-import.js';
import { aggregateRows, AGGREGATE_COLUMNS, indicatorRows, INDICATOR_COLUMNS, projectProgressRows, PROJECT_PROGRESS_COLUMNS } from '../../../shared/publishing/exports.js';
import { toCsv } from '../../../shared/publishing/csv.js';
import type { PlanSnapshot } from '../../../shared/store/plan-repository.js';
import type { ApiDeps } from '../deps.js';
import { ProblemError } from '../problem.js';
import { AggregatesQuery, ImportQuery, NoQuery, ProgressBody, ProjectId } from '../../../shared/api/schemas.js';
import { jsonBody, pathParam, queryParams } from '../request.js';
import { csvResponse, staffOf, type StaffEnv } from '../staff.js';

export const MAX_IMPORT_BYTES = 1024 * 1024;

/**
 * Publishers (and admins): yearly indicator values and project progress, one at a time or as
 * CSV, and the CSV exports. Nothing is overwritten: every value and report is a new revision
 * with who, when and why. Mounted under /api/v1/publisher behind requireRole('publisher', 'admin').
 */
export function publisherRoutes(deps: ApiDeps) {
  const snapshot = async (): Promise<PlanSnapshot> => {
    const found = await deps.plans.snapshot(deps.planId);
    if (!found) throw new ProblemError('service-unavailable', { detail: 'the plan has not been loaded' });
    return found;
  };

  const csvText = async (c: { req: { header(name: string): string | undefined; arrayBuffer(): Promise<ArrayBuffer> } }) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^text\/csv\s*(;\s*charset="?utf-8"?\s*)?$/i.test(type.trim())) throw new ProblemError('unsupported-media-type', { detail: `send text/csv; charset=utf-8, not ${type || 'nothing'}` });
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    } catch {
      throw new ProblemError('malformed-body', { detail: 'the file is not UTF-8' });
    }
  };

  return new Hono<StaffEnv>()
    .post('/indicators/:id/observations', async (c) => {
      const id = pathParam(IndicatorId, c.req.param('id'), 'indicator');
      const input = await jsonBody(c, ObservationInput);
      const staff = staffOf(c);
      const [indicator, revisions] = await Promise.all([deps.plans.getIndicator(deps.planId, id), deps.plans.listObservations(deps.planId, id)]);
      if (!indicator) throw new ProblemError('not-found', { detail: `no indicator ${id}` });
      let decision;
      try {
        decision = decide(indicator, revisions, input, actorLabel(staff), 'first publication');
      } catch (error) {
        if (error instanceof PublishRuleError) throw new ProblemError('validation-failed', { errors: [{ path: 'reason', message: error.message }] });
        throw error;
      }
      if (decision.kind === 'unchanged') return c.json({ outcome: 'unchanged', observation: decision.current });
      const at = deps.clock();
      const observation = await deps.plans.appendObservation(deps.planId, decision.observation, at);
      await deps.audit.append(
        {
          actor: staffActor(staff),
          action: 'observation.publish',
          subject: { type: 'indicator', id },
          reason: decision.kind === 'correction' ? observation.reason : null,
          details: { year: observation.year, value: observation.value, revision: observation.revision, previous: decision.kind === 'correction' ? decision.previous.value : null },
        },
        at,
      );
      const view = indicatorDetailView(indicator, [...revisions, observation], []);
      return c.json({ outcome: decision.kind, observation, progress: view.progress }, 201);
    })

    .post('/projects/:id/progress', async (c) => {
      const id = pathParam(ProjectId, c.req.param('id'), 'project');
      const body = await jsonBody(c, ProgressBody);
      const staff = staffOf(c);
      const [project, revisions] = await Promise.all([deps.plans.getProject(deps.planId, id), deps.progress.list(deps.planId, id)]);
      if (!project) throw new ProblemError('not-found', { detail: `no project ${id}` });
      if (revisions.length > 0 && !body.reason) {
        throw new ProblemError('validation-failed', { errors: [{ path: 'reason', message: 'a new report on a project already reported must say why (what changed or what it corrects)' }] });
      }
      const at = deps.clock();
      const revision = await deps.progress.append(
        deps.planId,
        { projectId: id, status: body.status, progress: body.progress, note: body.note, ...(body.source ? { source: body.source } : {}), reason: body.reason ?? 'first report', recordedBy: actorLabel(staff) },
        at,
      );
      await deps.audit.append(
        { actor: staffActor(staff), action: 'progress.publish', subject: { type: 'project', id }, reason: body.reason ?? null, details: { status: body.status, progress: body.progress, revision: revision.revision } },
        at,
      );
      return c.json({ revision, project: projectWithProgress(project, [...revisions, revision]) }, 201);
    })

    .post('/import/observations', async (c) => {
      const { dryRun } = queryParams(c, ImportQuery);
      const text = await csvText(c);
      const staff = staffOf(c);
      const plan = await snapshot();
      const { decisions, problems } = planObservationImport(text, plan.indicators, plan.observations, actorLabel(staff));
      // All or nothing: one bad row and nothing is written; every bad row is reported.
      if (problems.length > 0) throw new ProblemError('validation-failed', { detail: `${problems.length} problem(s); nothing was imported`, errors: problems.map(problemOf), problems });
      const writes = decisions.filter((d) => d.decision.kind !== 'unchanged');
      const summary = {
        dryRun,
        rows: decisions.length,
        new: writes.filter((d) => d.decision.kind === 'new').length,
        corrections: writes.filter((d) => d.decision.kind === 'correction').length,
        unchanged: decisions.length - writes.length,
      };
      if (dryRun || writes.length === 0) return c.json(summary);
      const at = deps.clock();
      for (const { decision } of writes) {
        if (decision.kind !== 'unchanged') await deps.plans.appendObservation(deps.planId, decision.observation, at);
      }
      await deps.audit.append(
        { actor: staffActor(staff), action: 'observation.import', subject: { type: 'import', id: `observations@${at.toISOString()}` }, reason: null, details: summary },
        at,
      );
      return c.json(summary, 201);
    })

    .post('/import/progress', async (c) => {
      const { dryRun } = queryParams(c, ImportQuery);
      const text = await csvText(c);
      const staff = staffOf(c);
      const [plan, revisions] = await Promise.all([snapshot(), deps.progress.listAll(deps.planId)]);
      const { reports, unchanged, problems } = planProgressImport(text, plan.projects, revisions, actorLabel(staff));
      if (problems.length > 0) throw new ProblemError('validation-failed', { detail: `${problems.length} problem(s); nothing was imported`, errors: problems.map(problemOf), problems });
      const summary = { dryRun, rows: reports.length + unchanged, reports: reports.length, unchanged };
      if (dryRun || reports.length === 0) return c.json(summary);
      const at = deps.clock();
      for (const { progress } of reports) await deps.progress.append(deps.planId, progress, at);
      await deps.audit.append(
        { actor: staffActor(staff), action: 'progress.import', subject: { type: 'import', id: `progress@${at.toISOString()}` }, reason: null, details: summary },
        at,
      );
      return c.json(summary, 201);
    })

    .get('/export/indicators.csv', async (c) => {
      queryParams(c, NoQuery);
      return csvResponse(c, 'gongping-indicators', toCsv(INDICATOR_COLUMNS, indicatorRows(await snapshot())), deps.clock());
    })
    .get('/export/observations.csv', async (c) => {
      queryParams(c, NoQuery);
      const plan = await snapshot();
      return csvResponse(c, 'gongping-observations', toCsv(OBSERVATION_COLUMNS, observationRows(plan.indicators, plan.observations)), deps.clock());
    })
    .get('/export/progress.csv', async (c) => {
      queryParams(c, NoQuery);
      const [plan, revisions] = await Promise.all([snapshot(), deps.progress.listAll(deps.planId)]);
      return csvResponse(c, 'gongping-project-progress', toCsv(PROJECT_PROGRESS_COLUMNS, projectProgressRows(plan, revisions)), deps.clock());
    })
    .get('/export/aggregates.csv', async (c) => {
      const { period } = queryParams(c, AggregatesQuery);
      return csvResponse(c, `gongping-ratings-${period}`, toCsv(AGGREGATE_COLUMNS, aggregateRows(await deps.ratings.periodSummaries(period))), deps.clock());
    });
}

const problemOf = (p: { line: number; column: string | null; reason: string }) => ({ path: `line ${p.line}${p.column ? `, ${p.column}` : ''}`, message: p.reason });
