import { operation } from '../../../api/operation.js';
import { VerdictsAnswer } from '../../../api/verdict-schemas.js';
import { VerdictsQuery } from '../../../api/verdict-query.js';
import { json } from '../contract-parts.js';

/** The two verdicts side by side (docs/verdicts.md). */
export const verdictsContract = {
  verdicts: operation({
    operationId: 'verdicts',
    method: 'get',
    path: '/api/v1/verdicts',
    tag: 'Ratings',
    summary: 'The official and the citizens’ verdicts on every target, side by side, and where they disagree',
    description:
      'Computed by the aggregation run, not on request. Regions: `paper-progress` (achieved or on track officially, citizens dissatisfied), `quiet-success` (behind officially, citizens satisfied), `agree-good`, `agree-bad`, `undetermined` (with its `reason`). Citizens are judged by the 95% interval of the satisfied share, so a handful of ratings classifies nothing. Filter by `category` or `region`; `period` is `all` or a year.',
    planScoped: true,
    query: VerdictsQuery,
    responses: { 200: json('The verdicts, disagreements first.', VerdictsAnswer) },
    problems: ['validation-failed', 'not-found'],
    examples: [
      { name: 'all-time', summary: 'All time', status: 200 },
      { name: 'disagreements', summary: 'Paper progress only', query: { region: 'paper-progress' }, status: 200 },
      { name: 'unrated-year', summary: 'A year nobody rated in', query: { period: '2019' }, status: 404 },
    ],
  }),
};
