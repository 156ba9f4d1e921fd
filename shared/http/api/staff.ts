import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import type { AppPart } from '../middleware.js';
import type { AppDeps } from '../deps.js';
import { problemResponse } from '../problem.js';
import { adminRoutes } from './routes/admin.js';
import { departmentAdminRoutes, departmentListRoutes } from './routes/departments.js';
import { monitorRoutes } from './routes/monitor.js';
import { MAX_IMPORT_BYTES, publisherRoutes } from './routes/publisher.js';
import { requireRole } from '../staff-auth.js';
import { MAX_PLAN_FILE_BYTES } from '../../plan/file.js';

/** What the staff API uses: the token verifier, and what monitors, publishers and administrators change and export. */
export type StaffDeps = Pick<
  AppDeps,
  | 'staffAuth'
  | 'currentPlanId'
  | 'plans'
  | 'progress'
  | 'ratings'
  | 'feedback'
  | 'moderation'
  | 'replies'
  | 'fraud'
  | 'audit'
  | 'cases'
  | 'departments'
  | 'caseDeadlineDays'
  | 'calendar'
  | 'clock'
  | 'logger'
>;

const importLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: (c) =>
    problemResponse(c, 'payload-too-large', {
      detail: `a CSV import may be at most ${MAX_IMPORT_BYTES / 1024} KiB; split the file`,
    }),
});

/**
 * The staff API (the `staff` function): /api/v1/monitor|publisher|admin. In AWS API Gateway's JWT
 * authorizer is a first gate; the app verifies the token and the role itself, before anything else
 * under /api/v1 looks at the request.
 */
export const staffPart = (deps: StaffDeps): AppPart => ({
  guard: (api) => {
    api.use('/monitor/*', requireRole(deps, 'monitor', 'admin'));
    api.use('/publisher/*', requireRole(deps, 'publisher', 'admin'));
    api.use('/admin/*', requireRole(deps, 'admin'));
  },
  // A publisher's CSV import, of the current plan or of a named one, may be larger than any other body;
  // a plan file larger still.
  bodyLimits: {
    '/api/v1/publisher/import/': importLimit,
    '/api/v1/admin/import/': importLimit,
    '/api/v1/publisher/plans/': importLimit,
    '/api/v1/publisher/plans': bodyLimit({
      maxSize: MAX_PLAN_FILE_BYTES,
      onError: (c) =>
        problemResponse(c, 'payload-too-large', {
          detail: `a plan file may be at most ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MiB`,
        }),
    }),
  },
  api: new Hono()
    .route('/monitor', monitorRoutes(deps))
    .route('/monitor', departmentListRoutes(deps))
    .route('/publisher', publisherRoutes(deps))
    .route('/admin', adminRoutes(deps))
    .route('/admin', departmentAdminRoutes(deps)),
});
