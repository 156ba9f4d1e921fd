import { Hono } from 'hono/tiny';
import { IndicatorId } from '../../../plan/schema.js';
import { ObservationInput } from '../../../publishing/observations.js';
import { staffExport } from '../../../publishing/staff-exports.js';
import {
  importObservations,
  importProgress,
  publishObservation,
  publishProgress,
} from '../../../publishing/publish.js';
import type { AppDeps } from '../../deps.js';
import { ProblemError } from '../../problem.js';
import { NoQuery, ProjectId } from '../../../api/schemas.js';
import { AggregatesQuery, ImportQuery, ProgressBody } from '../../../api/staff-schemas.js';
import { jsonBody, pathParam, queryParams } from '../../request.js';
import { csvResponse, staffOf, type StaffEnv } from '../../staff-auth.js';
import { responder } from '../respond.js';
import type { publisherContract } from './publisher.contract.js';

const respond = responder<typeof publisherContract>();

export const MAX_IMPORT_BYTES = 1024 * 1024;

/** What publishing values and progress, imports and exports use. */
export type PublisherDeps = Pick<
  AppDeps,
  'planId' | 'plans' | 'progress' | 'ratings' | 'cases' | 'calendar' | 'audit' | 'clock'
>;

/**
 * Publishers (and admins): yearly indicator values and project progress, one at a time or as
 * CSV, and the CSV exports. Nothing is overwritten: every value and report is a new revision
 * with who, when and why. Mounted under /api/v1/publisher behind requireRole('publisher', 'admin').
 */
export function publisherRoutes(deps: PublisherDeps) {
  const csvText = async (c: {
    req: { header(name: string): string | undefined; arrayBuffer(): Promise<ArrayBuffer> };
  }) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^text\/csv\s*(;\s*charset="?utf-8"?\s*)?$/i.test(type.trim()))
      throw new ProblemError('unsupported-media-type', {
        detail: `send text/csv; charset=utf-8, not ${type || 'nothing'}`,
      });
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
      const result = await publishObservation(deps, id, input, staffOf(c), deps.clock());
      if (result.outcome === 'unchanged')
        return respond(c, 'publishObservation', 200, { outcome: 'unchanged', observation: result.observation });
      return respond(c, 'publishObservation', 201, result);
    })

    .post('/projects/:id/progress', async (c) => {
      const id = pathParam(ProjectId, c.req.param('id'), 'project');
      const body = await jsonBody(c, ProgressBody);
      return respond(c, 'publishProgress', 201, await publishProgress(deps, id, body, staffOf(c), deps.clock()));
    })

    .post('/import/observations', async (c) => {
      const { dryRun } = queryParams(c, ImportQuery);
      const text = await csvText(c);
      const { summary, written } = await importObservations(deps, text, dryRun, staffOf(c), deps.clock());
      return respond(c, 'importObservations', written ? 201 : 200, summary);
    })

    .post('/import/progress', async (c) => {
      const { dryRun } = queryParams(c, ImportQuery);
      const text = await csvText(c);
      const { summary, written } = await importProgress(deps, text, dryRun, staffOf(c), deps.clock());
      return respond(c, 'importProgress', written ? 201 : 200, summary);
    })

    .get('/export/indicators.csv', async (c) => {
      queryParams(c, NoQuery);
      return csvResponse(c, await staffExport(deps, { kind: 'indicators' }), deps.clock());
    })
    .get('/export/observations.csv', async (c) => {
      queryParams(c, NoQuery);
      return csvResponse(c, await staffExport(deps, { kind: 'observations' }), deps.clock());
    })
    .get('/export/progress.csv', async (c) => {
      queryParams(c, NoQuery);
      return csvResponse(c, await staffExport(deps, { kind: 'progress' }), deps.clock());
    })
    .get('/export/aggregates.csv', async (c) => {
      const { period } = queryParams(c, AggregatesQuery);
      return csvResponse(c, await staffExport(deps, { kind: 'aggregates', period }), deps.clock());
    });
}
