import { operation } from '../../../api/operation.js';
import { PlanEvaluation } from '../../../api/evaluation-schemas.js';
import { NoQuery } from '../../../api/schemas.js';
import { CACHE, DISPOSITION, ETAG, json } from '../contract-parts.js';
import { EvaluationQuery } from './evaluation.js';

const CSV_ANSWER = {
  description:
    'One row per indicator: UTF-8 with a byte-order mark, header row, CRLF line ends, the plan id on every row.',
  mediaType: 'text/csv',
  headers: [CACHE, ETAG, DISPOSITION],
};

/** A plan's final evaluation (docs/evaluation.md). */
export const evaluationContract = {
  evaluation: operation({
    operationId: 'evaluation',
    method: 'get',
    path: '/api/v1/evaluation',
    tag: 'Plan',
    summary: 'The final evaluation (终期评估): every indicator against its target, projects and citizens',
    description:
      'Each indicator’s last observed value up to the target year, its target (published, implied by a growth rate, or a yearly floor), the status method’s verdict at the end of the period and the gap in its unit; the 852 stretch goals; counts per category and attribute; projects by last reported status; the all-time satisfaction with its interval and how the 差评 cases were handled. `provisional` while the plan’s period has not ended. `format=csv` answers the CSV of `evaluation.csv`.',
    planScoped: true,
    query: EvaluationQuery,
    responses: { 200: json('The evaluation.', PlanEvaluation) },
    problems: ['validation-failed', 'not-found'],
    examples: [
      { name: 'evaluation', summary: 'The evaluation of the plan', query: { format: 'json' }, status: 200 },
      { name: 'bad-format', summary: 'A format that does not exist', query: { format: 'xml' }, status: 400 },
    ],
  }),
  evaluationCsv: operation({
    operationId: 'evaluationCsv',
    method: 'get',
    path: '/api/v1/evaluation.csv',
    tag: 'Plan',
    summary: 'The final evaluation’s indicator table as CSV',
    planScoped: true,
    query: NoQuery,
    responses: { 200: CSV_ANSWER },
    problems: ['validation-failed', 'not-found'],
    examples: [{ name: 'download', summary: 'The table', status: 200 }],
  }),
};
