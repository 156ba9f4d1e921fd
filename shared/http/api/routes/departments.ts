import { Hono } from 'hono/tiny';
import { addDepartmentBy, changeDepartmentBy, importDepartmentsBy } from '../../../departments/manage.js';
import { DepartmentChangeBody, NewDepartmentBody } from '../../../api/department-schemas.js';
import { DepartmentId } from '../../../departments/department.js';
import { NoQuery } from '../../../api/schemas.js';
import { ImportQuery } from '../../../api/staff-schemas.js';
import type { AppDeps } from '../../deps.js';
import { jsonBody, pathParam, queryParams } from '../../request.js';
import { staffOf, type StaffEnv } from '../../staff-auth.js';
import { responder } from '../respond.js';
import { csvText } from './publisher.js';
import type { departmentsContract } from './departments.contract.js';

const respond = responder<typeof departmentsContract>();

export type DepartmentRouteDeps = Pick<AppDeps, 'departments' | 'audit' | 'clock'>;

/** Monitors read the departments (under /api/v1/monitor): the ids replies name. */
export const departmentListRoutes = (deps: DepartmentRouteDeps) =>
  new Hono<StaffEnv>().get('/departments', async (c) => {
    queryParams(c, NoQuery);
    return respond(c, 'departments', 200, { items: await deps.departments.list() });
  });

/** Administrators keep the list (under /api/v1/admin): add, rename, deactivate, import a CSV. */
export const departmentAdminRoutes = (deps: DepartmentRouteDeps) =>
  new Hono<StaffEnv>()
    .post('/departments', async (c) => {
      const body = await jsonBody(c, NewDepartmentBody);
      return respond(c, 'addDepartment', 201, await addDepartmentBy(deps, body, staffOf(c), deps.clock()));
    })
    .post('/departments/:departmentId', async (c) => {
      const departmentId = pathParam(DepartmentId, c.req.param('departmentId'), 'department');
      const change = await jsonBody(c, DepartmentChangeBody);
      return respond(
        c,
        'changeDepartment',
        200,
        await changeDepartmentBy(deps, departmentId, change, staffOf(c), deps.clock()),
      );
    })
    .post('/import/departments', async (c) => {
      const { dryRun } = queryParams(c, ImportQuery);
      const summary = await importDepartmentsBy(deps, await csvText(c), dryRun, staffOf(c), deps.clock());
      return respond(c, 'importDepartments', dryRun ? 200 : 201, summary);
    });
