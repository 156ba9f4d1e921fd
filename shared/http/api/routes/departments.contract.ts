import {
  DepartmentChangeBody,
  DepartmentImportResult,
  DepartmentList,
  DepartmentModel,
  DepartmentPath,
  NewDepartmentBody,
} from '../../../api/department-schemas.js';
import { NoQuery } from '../../../api/schemas.js';
import { ImportQuery } from '../../../api/staff-schemas.js';
import { ADMIN, CSV_UPLOAD, MONITOR, staff } from '../contract-parts.js';
import { staffOperations } from '../staff-operation.js';

const monitorOperation = staffOperations('monitor', MONITOR);
const adminOperation = staffOperations('admin', ADMIN);

/** The managed departments: monitors read the list replies choose from, administrators keep it. */
export const departmentsContract = {
  departments: monitorOperation({
    operationId: 'departments',
    method: 'get',
    path: '/departments',
    tag: 'Departments',
    summary: 'The departments a reply or a case names by `departmentId`, active or not',
    query: NoQuery,
    responses: { 200: staff('Every department, in the order they were added.', DepartmentList) },
    examples: [{ name: 'list', summary: 'The list', status: 200 }],
  }),
  addDepartment: adminOperation({
    operationId: 'addDepartment',
    method: 'post',
    path: '/departments',
    tag: 'Departments',
    summary: 'Add a department to the list',
    description:
      'Its id, names and aliases must be nobody else’s (409 `invalid-state` otherwise). Audited as `department.change` (`op: add`).',
    body: NewDepartmentBody,
    responses: { 201: staff('Added.', DepartmentModel) },
    problems: ['invalid-state', 'conflict'],
    examples: [
      {
        name: 'add',
        summary: 'The statistics bureau, also known by its short name',
        body: {
          id: 'licheng-stats',
          nameZh: '鲤城区统计局',
          nameEn: 'Licheng District Statistics Bureau',
          aliases: ['统计局'],
        },
        status: 201,
      },
      {
        name: 'monitor',
        summary: 'Only administrators',
        body: { id: 'licheng-other', nameZh: '示例', nameEn: 'Example' },
        staff: ['monitor'],
        status: 403,
      },
    ],
  }),
  changeDepartment: adminOperation({
    operationId: 'changeDepartment',
    method: 'post',
    path: '/departments/{departmentId}',
    tag: 'Departments',
    summary: 'Rename a department, replace its aliases, or deactivate (or reactivate) it',
    description:
      'A former Chinese name is kept as an alias, so older free-text replies under it still count as the department. Audited as `department.change` (`op: rename`, `deactivate` or `activate`).',
    pathParams: DepartmentPath,
    body: DepartmentChangeBody,
    responses: { 200: staff('The department after the change.', DepartmentModel) },
    problems: ['invalid-state', 'conflict'],
    examples: [
      {
        name: 'rename',
        summary: 'A new English name',
        params: { departmentId: 'licheng-stats' },
        body: { nameEn: 'Statistics Bureau of Licheng District' },
        status: 200,
      },
      {
        name: 'unknown',
        summary: 'A department that does not exist',
        params: { departmentId: 'no-such-department' },
        body: { active: false },
        status: 404,
      },
    ],
  }),
  importDepartments: adminOperation({
    operationId: 'importDepartments',
    method: 'post',
    path: '/import/departments',
    tag: 'Departments',
    summary: 'Add or update departments from a CSV file (`dryRun=true` to check it first)',
    description:
      'Columns `id`, `name_zh`, `name_en` and optionally `aliases` (separated by semicolons). A new id adds a department, a known one updates its names and reactivates it. Audited once as `department.change` (`op: import`).',
    query: ImportQuery,
    textBody: CSV_UPLOAD('The departments,'),
    responses: {
      200: staff('Checked (dry run).', DepartmentImportResult),
      201: staff('Imported.', DepartmentImportResult),
    },
    problems: ['conflict'],
    examples: [
      {
        name: 'dry-run',
        summary: 'Check a file',
        query: { dryRun: 'true' },
        text: 'id,name_zh,name_en,aliases\r\nlicheng-finance,鲤城区财政局,Licheng District Finance Bureau,财政局\r\n',
        status: 200,
      },
    ],
  }),
};
