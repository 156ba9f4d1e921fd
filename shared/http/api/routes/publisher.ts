import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { staffActor } from '../../../audit/entry.js';
import { IndicatorId } from '../../../plan/schema.js';
import { assertTakesValues } from '../../../plan/lifecycle.js';
import { ObservationInput } from '../../../publishing/observations.js';
import { changePlanStatus, uploadPlan } from '../../../publishing/plans.js';
import { staffExport, type StaffExport } from '../../../publishing/staff-exports.js';
import {
  importObservations,
  importProgress,
  publishObservation,
  publishProgress,
} from '../../../publishing/publish.js';
import type { PlanSummary } from '../../../store/plan-repository.js';
import type { AppDeps } from '../../deps.js';
import type { PlanScopedEnv } from '../../plan-scope.js';
import { ProblemError } from '../../problem.js';
import { staffPlanScoped, staffPlans } from '../../staff-plan-scope.js';
import { NoQuery, ProjectId } from '../../../api/schemas.js';
import { PlanId } from '../../../feedback/target.js';
import { AggregatesQuery, ImportQuery, ProgressBody } from '../../../api/staff-schemas.js';
import { PlanStatusBody, type StaffPlan } from '../../../api/staff-plan-schemas.js';
import { jsonBody, pathParam, queryParams } from '../../request.js';
import { csvResponse, staffOf, type StaffEnv } from '../../staff-auth.js';
import { responder } from '../respond.js';
import type { publisherContract } from './publisher.contract.js';
import { planListItem } from './plans.js';

const respond = responder<typeof publisherContract>();

export const MAX_IMPORT_BYTES = 1024 * 1024;

/** What publishing values and progress, imports, exports and the plans' files and status use. */
export type PublisherDeps = Pick<
  AppDeps,
  'plans' | 'currentPlanId' | 'progress' | 'ratings' | 'cases' | 'calendar' | 'audit' | 'clock'
>;

type ScopedEnv = StaffEnv & PlanScopedEnv;

/** A request body that is not JSON for jsonBody to parse: a CSV import, a plan file. */
async function uploadedBytes(c: Context, mediaType: RegExp, expected: string): Promise<Uint8Array> {
  const type = c.req.header('content-type') ?? '';
  if (!mediaType.test(type.trim()))
    throw new ProblemError('unsupported-media-type', { detail: `send ${expected}, not ${type || 'nothing'}` });
  return new Uint8Array(await c.req.arrayBuffer());
}

/** A CSV upload's text: `text/csv` in UTF-8, else a problem (the departments' import reads it too). */
export async function csvText(c: Context): Promise<string> {
  const bytes = await uploadedBytes(c, /^text\/csv\s*(;\s*charset="?utf-8"?\s*)?$/i, 'text/csv; charset=utf-8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError('malformed-body', { detail: 'the file is not UTF-8' });
  }
}

/** A plan as the staff API shows it: as the public list of plans does, with what loaded it, and drafts too. */
export const staffPlan = (plan: PlanSummary, current: PlanSummary | null): StaffPlan => {
  const { href: _href, ...item } = planListItem(plan, plan.id === current?.id);
  return { ...item, ...(plan.loadedBy ? { loadedBy: plan.loadedBy } : {}) };
};

const EXPORTS = {
  'indicators.csv': 'indicators',
  'observations.csv': 'observations',
  'progress.csv': 'progress',
} as const satisfies Record<string, StaffExport['kind']>;

/**
 * Publishers (and admins): yearly indicator values and project progress, one at a time or as
 * CSV, and the CSV exports, of the plan the address names (`/plans/{planId}/…`) or of the current
 * plan; and the plans themselves: a plan file uploaded as a draft, a plan published, closed or
 * reopened. Nothing is overwritten: every value and report is a new revision with who, when and
 * why; a closed plan's figures are final. Mounted under /api/v1/publisher behind requireRole('publisher', 'admin').
 */
export function publisherRoutes(deps: PublisherDeps) {
  /** The scope's plan, for reading. */
  const inPlan = (c: Context<ScopedEnv>) => ({ ...deps, planId: c.get('planScope').plan.id });
  /** The scope's plan, for writing: refused (409) when it is closed. */
  const openPlan = (c: Context<ScopedEnv>) => {
    const { plan } = c.get('planScope');
    assertTakesValues(plan.id, plan.status);
    return { ...deps, planId: plan.id };
  };

  const scoped = new Hono<ScopedEnv>()
    .post('/indicators/:id/observations', async (c) => {
      const id = pathParam(IndicatorId, c.req.param('id'), 'indicator');
      const input = await jsonBody(c, ObservationInput);
      const result = await publishObservation(openPlan(c), id, input, staffOf(c), deps.clock());
      if (result.outcome === 'unchanged')
        return respond(c, 'publishObservation', 200, { outcome: 'unchanged', observation: result.observation });
      return respond(c, 'publishObservation', 201, result);
    })

    .post('/projects/:id/progress', async (c) => {
      const id = pathParam(ProjectId, c.req.param('id'), 'project');
      const body = await jsonBody(c, ProgressBody);
      return respond(c, 'publishProgress', 201, await publishProgress(openPlan(c), id, body, staffOf(c), deps.clock()));
    })

    .post('/import/observations', async (c) => {
      const { dryRun } = queryParams(c, ImportQuery);
      const text = await csvText(c);
      const { summary, written } = await importObservations(openPlan(c), text, dryRun, staffOf(c), deps.clock());
      return respond(c, 'importObservations', written ? 201 : 200, summary);
    })

    .post('/import/progress', async (c) => {
      const { dryRun } = queryParams(c, ImportQuery);
      const text = await csvText(c);
      const { summary, written } = await importProgress(openPlan(c), text, dryRun, staffOf(c), deps.clock());
      return respond(c, 'importProgress', written ? 201 : 200, summary);
    })

    .get('/export/aggregates.csv', async (c) => {
      const { period } = queryParams(c, AggregatesQuery);
      return csvResponse(c, await staffExport(inPlan(c), { kind: 'aggregates', period }), deps.clock());
    });
  for (const [file, kind] of Object.entries(EXPORTS))
    scoped.get(`/export/${file}`, async (c) => {
      queryParams(c, NoQuery);
      return csvResponse(c, await staffExport(inPlan(c), { kind }), deps.clock());
    });

  return new Hono<StaffEnv>()
    .get('/plans', async (c) => {
      queryParams(c, NoQuery);
      const { plans, current } = await staffPlans(deps);
      return respond(c, 'staffPlans', 200, {
        items: plans.map((p) => staffPlan(p, current)),
        current: current?.id ?? null,
      });
    })

    .post('/plans', async (c) => {
      const bytes = await uploadedBytes(c, /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i, 'application/json');
      const { outcome, plan } = await uploadPlan(deps, bytes, staffActor(staffOf(c)), deps.clock());
      const { plans, current } = await staffPlans(deps);
      const stored = plans.find((p) => p.id === plan.id)!;
      return respond(c, 'uploadPlan', outcome === 'stored' ? 201 : 200, {
        outcome,
        plan: staffPlan(stored, current),
        indicators: plan.indicators.length,
        projects: plan.projects.length,
      });
    })

    .post('/plans/:planId/status', async (c) => {
      const planId = pathParam(PlanId, c.req.param('planId'), 'plan');
      const { to, reason } = await jsonBody(c, PlanStatusBody);
      const changed = await changePlanStatus(
        deps,
        { planId, to, reason: reason ?? null },
        staffActor(staffOf(c)),
        deps.clock(),
      );
      const { current } = await staffPlans(deps);
      return respond(c, 'changePlanStatus', 200, { plan: staffPlan(changed, current) });
    })

    .route('/', staffPlanScoped(deps, scoped));
}
