import { Hono } from 'hono/tiny';
import { IndicatorId } from '../../../plan/schema.js';
import { ObservationInput, PublishRuleError } from '../../../publishing/observations.js';
import { staffExport } from '../../../publishing/staff-exports.js';
import { PlanNotLoadedError } from '../../../errors.js';
import { ImportRejected, importObservations, importProgress, ProgressReasonRequired, publishObservation, publishProgress } from '../../../publishing/publish.js';
import type { ApiDeps } from '../../deps.js';
import { ProblemError } from '../../problem.js';
import { NoQuery, ProjectId } from '../../../api/schemas.js';
import { AggregatesQuery, ImportQuery, ProgressBody } from '../../../api/staff-schemas.js';
import { jsonBody, pathParam, queryParams } from '../../request.js';
import { csvResponse, staffOf, type StaffEnv } from '../../staff-auth.js';

export const MAX_IMPORT_BYTES = 1024 * 1024;

/**
 * Publishers (and admins): yearly indicator values and project progress, one at a time or as
 * CSV, and the CSV exports. Nothing is overwritten: every value and report is a new revision
 * with who, when and why. Mounted under /api/v1/publisher behind requireRole('publisher', 'admin').
 */
export function publisherRoutes(deps: ApiDeps) {
  const csvText = async (c: { req: { header(name: string): string | undefined; arrayBuffer(): Promise<ArrayBuffer> } }) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^text\/csv\s*(;\s*charset="?utf-8"?\s*)?$/i.test(type.trim())) throw new ProblemError('unsupported-media-type', { detail: `send text/csv; charset=utf-8, not ${type || 'nothing'}` });
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    } catch {
      throw new ProblemError('malformed-body', { detail: 'the file is not UTF-8' });
    }
  };

  /** The publishing rules speak their own errors; here they become problems. */
  const asProblem = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PublishRuleError || error instanceof ProgressReasonRequired) throw new ProblemError('validation-failed', { errors: [{ path: 'reason', message: error.message }] });
      if (error instanceof ImportRejected) throw new ProblemError('validation-failed', { detail: error.message, errors: error.problems.map(problemOf), problems: error.problems.map(({ why: _why, ...problem }) => problem) });
      if (error instanceof PlanNotLoadedError) throw new ProblemError('service-unavailable', { detail: error.message });
      throw error;
    }
  };

  return new Hono<StaffEnv>()
    .post('/indicators/:id/observations', async (c) => {
      const id = pathParam(IndicatorId, c.req.param('id'), 'indicator');
      const input = await jsonBody(c, ObservationInput);
      const result = await asProblem(() => publishObservation(deps, id, input, staffOf(c), deps.clock()));
      if (result.outcome === 'unchanged') return c.json({ outcome: 'unchanged', observation: result.observation });
      return c.json(result, 201);
    })

    .post('/projects/:id/progress', async (c) => {
      const id = pathParam(ProjectId, c.req.param('id'), 'project');
      const body = await jsonBody(c, ProgressBody);
      return c.json(await asProblem(() => publishProgress(deps, id, body, staffOf(c), deps.clock())), 201);
    })

    .post('/import/observations', async (c) => {
      const { dryRun } = queryParams(c, ImportQuery);
      const text = await csvText(c);
      const { summary, written } = await asProblem(() => importObservations(deps, text, dryRun, staffOf(c), deps.clock()));
      return c.json(summary, written ? 201 : 200);
    })

    .post('/import/progress', async (c) => {
      const { dryRun } = queryParams(c, ImportQuery);
      const text = await csvText(c);
      const { summary, written } = await asProblem(() => importProgress(deps, text, dryRun, staffOf(c), deps.clock()));
      return c.json(summary, written ? 201 : 200);
    })

    .get('/export/indicators.csv', async (c) => {
      queryParams(c, NoQuery);
      return csvResponse(c, await asProblem(() => staffExport(deps, { kind: 'indicators' })), deps.clock());
    })
    .get('/export/observations.csv', async (c) => {
      queryParams(c, NoQuery);
      return csvResponse(c, await asProblem(() => staffExport(deps, { kind: 'observations' })), deps.clock());
    })
    .get('/export/progress.csv', async (c) => {
      queryParams(c, NoQuery);
      return csvResponse(c, await asProblem(() => staffExport(deps, { kind: 'progress' })), deps.clock());
    })
    .get('/export/aggregates.csv', async (c) => {
      const { period } = queryParams(c, AggregatesQuery);
      return csvResponse(c, await staffExport(deps, { kind: 'aggregates', period }), deps.clock());
    });
}

const problemOf = (p: { line: number; column: string | null; reason: string }) => ({ path: `line ${p.line}${p.column ? `, ${p.column}` : ''}`, message: p.reason });
