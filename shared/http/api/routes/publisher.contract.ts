import {
  ObservationImportResult,
  ObservationPublished,
  ProgressImportResult,
  ProgressPublished,
} from '../../../api/publisher-schemas.js';
import { NoQuery } from '../../../api/schemas.js';
import { PlanStatusBody, PlanStatusChanged, PlanUploaded, StaffPlanList } from '../../../api/staff-plan-schemas.js';
import { AggregatesQuery, ImportQuery, ProgressBody } from '../../../api/staff-schemas.js';
import { ObservationInput } from '../../../publishing/observations.js';
import {
  csv,
  CSV_UPLOAD,
  EXAMPLE_PLAN,
  EXAMPLE_PROJECT,
  GDP,
  PlanPath,
  IndicatorPath,
  ProjectPath,
  PUBLISHER,
  staff,
} from '../contract-parts.js';
import { staffOperations } from '../staff-operation.js';

const publisherOperation = staffOperations('publisher', PUBLISHER);

const exportCsv = (operationId: string, file: string, summary: string) =>
  publisherOperation({
    operationId,
    method: 'get',
    path: `/export/${file}.csv`,
    tag: 'Publishing',
    summary,
    query: NoQuery,
    planScoped: true,
    responses: { 200: csv('The file.') },
    examples: [{ name: 'download', summary: 'The file', status: 200 }],
  });

const CLOSED = 'A closed plan’s figures are final: writing to one is refused (409 `invalid-state`); reopen it first.';

/** Staff (publisher): values, progress, CSV imports and exports of a plan; the plans' files and status. */
export const publisherContract = {
  staffPlans: publisherOperation({
    operationId: 'staffPlans',
    method: 'get',
    path: '/plans',
    tag: 'Publishing',
    summary: 'Every stored plan with its status, drafts included',
    query: NoQuery,
    responses: { 200: staff('The plans, the current one first.', StaffPlanList) },
    examples: [{ name: 'list', summary: 'The plans', status: 200 }],
  }),
  uploadPlan: publisherOperation({
    operationId: 'uploadPlan',
    method: 'post',
    path: '/plans',
    tag: 'Publishing',
    summary: 'Upload a plan file: checked whole, stored as a draft that only staff see',
    description:
      'The file is checked as `npm run plan -- check` checks it: a bad one is refused with every problem at its JSON path (400, `errors`), and nothing is written. A file with the id of a stored draft replaces it, unless it drops items the draft has; one with the id of a published or closed plan is refused (409). Audited as `plan.upload`.',
    textBody: {
      mediaType: 'application/json',
      description: 'A plan file in the plan format (docs/plan-format.md), UTF-8, at most 2 MiB.',
    },
    responses: {
      201: staff('Stored as a new draft.', PlanUploaded),
      200: staff('A draft replaced, or already this file.', PlanUploaded),
    },
    problems: ['invalid-state'],
    examples: [
      { name: 'bad-file', summary: 'A file that is not a plan', text: '{"id": "Not An Id"}', status: 400 },
      { name: 'monitor', summary: 'A monitor may not upload plans', text: '{}', staff: ['monitor'], status: 403 },
    ],
  }),
  changePlanStatus: publisherOperation({
    operationId: 'changePlanStatus',
    method: 'post',
    path: '/plans/{planId}/status',
    tag: 'Publishing',
    summary: 'Publish a draft, close a published plan, or reopen a closed one',
    description:
      'draft → published, published → closed, closed → published; never back to draft. Any other change is refused (409). Audited as `plan.publish`, `plan.close` or `plan.reopen`, with the reason.',
    pathParams: PlanPath,
    body: PlanStatusBody,
    responses: { 200: staff('The plan in its new status.', PlanStatusChanged) },
    problems: ['invalid-state'],
    examples: [
      {
        name: 'back-to-draft',
        summary: 'A published plan never becomes a draft again',
        params: { planId: EXAMPLE_PLAN },
        body: { to: 'draft' },
        status: 409,
      },
      {
        name: 'close',
        summary: 'Close a plan whose period has ended: its figures become final',
        params: { planId: EXAMPLE_PLAN },
        body: { to: 'closed', reason: '规划期结束 · the plan period has ended' },
        status: 200,
      },
      {
        name: 'reopen',
        summary: 'Reopen a closed plan, to correct a figure',
        params: { planId: EXAMPLE_PLAN },
        body: { to: 'published', reason: '更正数据 · to correct a figure' },
        status: 200,
      },
      {
        name: 'unknown',
        summary: 'A plan that is not stored',
        params: { planId: 'no-such-plan' },
        body: { to: 'published' },
        status: 404,
      },
    ],
  }),

  publishObservation: publisherOperation({
    operationId: 'publishObservation',
    method: 'post',
    path: '/indicators/{id}/observations',
    tag: 'Publishing',
    summary: 'Publish an indicator’s value for a year, or correct it (a new revision, with the reason)',
    description: `Nothing is overwritten: a correction is a new revision saying who, when and why, and needs a reason. The same value again changes nothing (200, \`unchanged\`). ${CLOSED}`,
    pathParams: IndicatorPath,
    body: ObservationInput,
    planScoped: true,
    responses: {
      201: staff('Published: the revision and the indicator’s progress status with it.', ObservationPublished),
      200: staff('The same value as the current one: nothing written.', ObservationPublished),
    },
    problems: ['invalid-state'],
    examples: [
      {
        name: 'new-year',
        summary: 'A year’s first value (illustrative)',
        params: { id: GDP },
        body: {
          year: 2023,
          value: 528.4,
          source: '示例 · Example',
          note: '示例数值，并非官方数据 · illustrative, not an official figure',
        },
        status: 201,
      },
      {
        name: 'correction-without-reason',
        summary: 'A correction must say why',
        params: { id: GDP },
        body: { year: 2023, value: 529 },
        status: 400,
      },
      {
        name: 'monitor',
        summary: 'A monitor may not publish values',
        params: { id: GDP },
        body: { year: 2024, value: 1 },
        staff: ['monitor'],
        status: 403,
      },
    ],
  }),
  publishProgress: publisherOperation({
    operationId: 'publishProgress',
    method: 'post',
    path: '/projects/{id}/progress',
    tag: 'Publishing',
    summary: 'Report a project’s status and progress (a new revision; after the first, with the reason)',
    pathParams: ProjectPath,
    body: ProgressBody,
    planScoped: true,
    responses: { 201: staff('The report and the project with it.', ProgressPublished) },
    problems: ['invalid-state'],
    examples: [
      {
        name: 'first-report',
        summary: 'A first report (illustrative)',
        params: { id: EXAMPLE_PROJECT },
        body: {
          status: 'in_progress',
          progress: 40,
          note: '示例：已认定2家区级工程研究中心 · Example: two district engineering research centres recognised',
        },
        status: 201,
      },
    ],
  }),
  importObservations: publisherOperation({
    operationId: 'importObservations',
    method: 'post',
    path: '/import/observations',
    tag: 'Publishing',
    summary: 'Publish indicator values from a CSV file (`dryRun=true` to check it first)',
    description:
      'Columns as in `GET /publisher/export/observations.csv`; `indicator_id`, `year` and `value` are required, a correction needs `note`.',
    query: ImportQuery,
    textBody: CSV_UPLOAD('The values,'),
    planScoped: true,
    responses: {
      200: staff('Checked (dry run), or nothing to change.', ObservationImportResult),
      201: staff('Imported.', ObservationImportResult),
    },
    problems: ['invalid-state'],
    examples: [
      {
        name: 'dry-run',
        summary: 'Check a file',
        query: { dryRun: 'true' },
        text: 'indicator_id,year,value,source\r\npm25-concentration,2022,0.03,示例 · Example\r\n',
        status: 200,
      },
      {
        name: 'bad-row',
        summary: 'A file with an unknown indicator',
        query: { dryRun: 'true' },
        text: 'indicator_id,year,value\r\nno-such-indicator,2022,1\r\n',
        status: 400,
      },
    ],
  }),
  importProgress: publisherOperation({
    operationId: 'importProgress',
    method: 'post',
    path: '/import/progress',
    tag: 'Publishing',
    summary: 'Report projects’ progress from a CSV file (`dryRun=true` to check it first)',
    description:
      'Columns as in `GET /publisher/export/progress.csv`; `project_id`, `status`, `progress` and `note` are required.',
    query: ImportQuery,
    textBody: CSV_UPLOAD('The reports,'),
    planScoped: true,
    responses: {
      200: staff('Checked (dry run), or nothing to change.', ProgressImportResult),
      201: staff('Imported.', ProgressImportResult),
    },
    problems: ['invalid-state'],
    examples: [
      {
        name: 'dry-run',
        summary: 'Check a file',
        query: { dryRun: 'true' },
        text: `project_id,status,progress,note\r\n${EXAMPLE_PROJECT},in_progress,40,示例 · Example\r\n`,
        status: 200,
      },
    ],
  }),
  exportIndicators: exportCsv(
    'exportIndicators',
    'indicators',
    'Every indicator with its definition and current value.',
  ),
  exportObservations: exportCsv(
    'exportObservations',
    'observations',
    'Every value revision; the format `import/observations` reads.',
  ),
  exportProgress: exportCsv('exportProgress', 'progress', 'Every progress report; the format `import/progress` reads.'),
  exportAggregates: publisherOperation({
    operationId: 'exportAggregates',
    method: 'get',
    path: '/export/aggregates.csv',
    tag: 'Publishing',
    summary: 'The published rating summaries of a period, one row per scope',
    query: AggregatesQuery,
    planScoped: true,
    responses: { 200: csv('The summaries.') },
    examples: [{ name: 'a-month', summary: 'November 2026', query: { period: '2026-11' }, status: 200 }],
  }),
};
