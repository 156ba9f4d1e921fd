import { operation } from '../../../api/operation.js';
import { RatingSeries, RatingsOverview, TargetRatings } from '../../../api/rating-schemas.js';
import { RatingsQuery, SeriesQuery, TargetRatingsQuery } from '../../../api/schemas.js';
import { type TargetKind } from '../../../feedback/target-kinds.js';
import { byKind, EXAMPLE_TARGET, GDP, json, TargetPath } from '../contract-parts.js';

const targetRatings = ({ type, collection, labelWithArticle }: TargetKind) =>
  operation({
    operationId: `${type}Ratings`,
    method: 'get',
    path: `/api/v1/${collection}/{id}/ratings`,
    planScoped: true,
    tag: 'Ratings',
    summary: `The published rating summary of ${labelWithArticle} in a period`,
    description:
      'Counts, mean, 满意率 and 差评率 with 95% Wilson intervals, the Bayesian mean and the rank. An honest zero when nobody has rated it.',
    pathParams: TargetPath,
    query: TargetRatingsQuery,
    responses: { 200: json('The summary.', TargetRatings) },
    problems: ['validation-failed', 'not-found'],
    examples: [
      { name: 'all-time', summary: 'All time', params: { id: EXAMPLE_TARGET[type] }, status: 200 },
      {
        name: 'a-month',
        summary: 'One month',
        params: { id: EXAMPLE_TARGET[type] },
        query: { period: '2026-11' },
        status: 200,
      },
    ],
  });

/** The published rating summaries, rankings and series. */
export const ratingsContract = {
  targetRatings: byKind(targetRatings),
  ratings: operation({
    operationId: 'ratings',
    method: 'get',
    path: '/api/v1/ratings',
    planScoped: true,
    tag: 'Ratings',
    summary: 'The plan-wide summary and ranking of all targets, or one summary per category',
    description:
      'Targets with fewer than `minRatings` ratings are published but not ranked; ranks use the Bayesian mean, so a handful of votes cannot top the table.',
    query: RatingsQuery,
    responses: { 200: json('The summaries.', RatingsOverview) },
    problems: ['validation-failed'],
    examples: [
      { name: 'plan', summary: 'The plan and the ranking, all time', status: 200 },
      {
        name: 'categories',
        summary: 'By category, in one year',
        query: { group: 'category', period: '2026' },
        status: 200,
      },
    ],
  }),
  ratingSeries: operation({
    operationId: 'ratingSeries',
    method: 'get',
    path: '/api/v1/ratings/series',
    planScoped: true,
    tag: 'Ratings',
    summary: 'A scope’s ratings by month or year, for charts',
    query: SeriesQuery,
    responses: { 200: json('The series.', RatingSeries) },
    problems: ['validation-failed', 'not-found'],
    examples: [
      { name: 'gdp-by-month', summary: 'GDP’s ratings by month', query: { target: `indicator:${GDP}` }, status: 200 },
    ],
  }),
};
