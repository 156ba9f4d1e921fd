import { z } from 'zod';
import { DATASET_IDS, DATASETS, FORMATS, type DatasetId } from '../open-data/datasets.js';
import { jsonDatasetSchema } from '../open-data/format.js';
import { doc } from './registry.js';
import {
  CommentsPage,
  FeedbackResult,
  Health,
  IndicatorDetail,
  IndicatorList,
  MyFeedback,
  PlanView,
  ProjectList,
  ProjectView,
  RatingSeries,
  RatingsOverview,
  TargetRatings,
} from './responses.js';
import {
  CommentsQuery,
  FeedbackSubmission,
  IndicatorFilter,
  IndicatorPath,
  MeQuery,
  NoQuery,
  ProjectFilter,
  ProjectPath,
  RatingsQuery,
  SeriesQuery,
  TargetPath,
  TargetRatingsQuery,
} from './schemas.js';
import { Plan } from '../plan/schema.js';
import { Observation } from '../plan/observation.js';

/**
 * The API contract: every route, what it takes, what it answers and an example of each, in one
 * list. scripts/build-openapi.ts turns it into the OpenAPI 3.1 document (functions/api/openapi.json),
 * sending each example request to the real app on a scratch store and recording the answer, and
 * tests/integration/openapi.test.ts checks that the app answers exactly these routes.
 */

export type Method = 'get' | 'post';

export interface HeaderSpec {
  name: string;
  description: string;
  required?: boolean;
}

export interface ResponseSpec {
  description: string;
  /** A response without a body (a redirect). */
  noContent?: true;
  /** JSON body; absent for other media types (given by `mediaType`). */
  schema?: z.ZodType;
  /** Default `application/json`. */
  mediaType?: string;
  headers?: HeaderSpec[];
}

/** A request the document shows, sent to the app at build time; its answer becomes the response example. */
export interface ExampleRequest {
  name: string;
  summary: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** The status it must get. */
  status: number;
}

export interface Operation {
  operationId: string;
  method: Method;
  /** OpenAPI form: `/api/v1/indicators/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  pathParams?: z.ZodObject;
  query?: z.ZodType;
  requestHeaders?: HeaderSpec[];
  body?: z.ZodType;
  /** Success answers by status. */
  responses: Record<number, ResponseSpec>;
  /** Problem kinds (functions/api/problem.ts) this route may answer, besides internal-error and service-unavailable. */
  problems: string[];
  examples: ExampleRequest[];
}

export const TAGS = [
  { name: 'Plan', description: 'The plan: title, period, categories and counts. 规划概况' },
  { name: 'Indicators', description: 'The 31 main indicators (专栏3) with their yearly values and computed progress status. 主要指标' },
  { name: 'Projects', description: 'Projects and measures from the plan’s boxes. 重点项目' },
  { name: 'Ratings', description: 'Citizens’ 好差评 ratings as published by the aggregation: summaries, rankings, series. 群众评价' },
  { name: 'Feedback', description: 'Rating and commenting, without an account. 评价与留言' },
  { name: 'Open data', description: 'Downloads at stable URLs, CSV (UTF-8 with BOM) and JSON; dictionary at /open-data. 开放数据' },
  { name: 'Feeds', description: 'Atom feeds of new values, status changes, official replies and closed 差评 cases. 订阅' },
  { name: 'About the API', description: 'This document, its reference page, and health. 接口说明' },
] as const;

const CACHE = { name: 'Cache-Control', description: 'How long a shared cache may keep the answer.' };
const ETAG = { name: 'ETag', description: 'Weak validator: send it back in `If-None-Match` to get 304 Not Modified when nothing changed.' };
const DISPOSITION = { name: 'Content-Disposition', description: 'The file name to save the download under.' };
const VOTER_TOKEN_IN: HeaderSpec = {
  name: 'X-Voter-Token',
  description: 'The anonymous voter token an earlier `POST /feedback` gave this client (API clients; browsers send the `gp_voter` cookie). A token that is not genuine is refused (401).',
};
const VOTER_TOKEN_OUT: HeaderSpec = { name: 'X-Voter-Token', description: 'Issued on a first submission: keep it and send it back to be the same voter.' };

const json = (description: string, schema: z.ZodType, headers: HeaderSpec[] = [CACHE, ETAG]): ResponseSpec => ({ description, schema, headers });

const PlanDocument = doc(Plan.extend({ observations: z.array(Observation) }), {
  id: 'PlanDocument',
  description: 'The plan as data, as in shared/plan/licheng-14th.json, with every published observation revision.',
});

// A plan's list readers poll for; examples use the loaded plan's real ids.
const GDP = 'gdp';
const PM25 = 'pm25-concentration';
export const EXAMPLE_PROJECT = 'b04-enterprise-tech-and-engineering-research-centres';

const collectionOps = (collection: 'indicators' | 'projects'): Operation[] => {
  const singular = collection === 'indicators' ? 'indicator' : 'project';
  const example = collection === 'indicators' ? GDP : EXAMPLE_PROJECT;
  const tag = collection === 'indicators' ? 'Indicators' : 'Projects';
  return [
    {
      operationId: `${singular}Comments`,
      method: 'get',
      path: `/api/v1/${collection}/{id}/comments`,
      tag,
      summary: `Published comments on a${singular === 'indicator' ? 'n' : ''} ${singular}, newest first`,
      description: 'Only comments a moderator published; never the voter, never personal data. Page with `limit` and the `nextCursor` of the previous page.',
      pathParams: TargetPath,
      query: CommentsQuery,
      responses: { 200: json('A page of comments.', CommentsPage) },
      problems: ['validation-failed', 'invalid-cursor', 'not-found'],
      examples: [
        { name: 'first-page', summary: 'The first page, two per page', params: { id: example }, query: { limit: '2' }, status: 200 },
        { name: 'bad-cursor', summary: 'A cursor this API did not issue', params: { id: example }, query: { cursor: 'bm90LWEtY3Vyc29y' }, status: 400 },
      ],
    },
    {
      operationId: `${singular}Ratings`,
      method: 'get',
      path: `/api/v1/${collection}/{id}/ratings`,
      tag: 'Ratings',
      summary: `The published rating summary of a${singular === 'indicator' ? 'n' : ''} ${singular} in a period`,
      description: 'Counts, mean, 满意率 and 差评率 with 95% Wilson intervals, the Bayesian mean and the rank. An honest zero when nobody has rated it.',
      pathParams: TargetPath,
      query: TargetRatingsQuery,
      responses: { 200: json('The summary.', TargetRatings) },
      problems: ['validation-failed', 'not-found'],
      examples: [
        { name: 'all-time', summary: 'All time', params: { id: example }, status: 200 },
        { name: 'a-month', summary: 'One month', params: { id: example }, query: { period: '2026-11' }, status: 200 },
      ],
    },
  ];
};

const datasetOps = (id: DatasetId): Operation[] =>
  FORMATS.map((format) => ({
    operationId: `openData${id[0]!.toUpperCase()}${id.slice(1)}${format.toUpperCase()}`,
    method: 'get' as const,
    path: `/api/v1/open-data/${id}.${format}`,
    tag: 'Open data',
    summary: `${DATASETS[id].titleEn} (${DATASETS[id].titleZh}), ${format.toUpperCase()}`,
    description: `One row: ${DATASETS[id].rowEn}. Every column is described at /open-data#${id} and in docs/open-data.md. Source: ${DATASETS[id].source}.`,
    query: NoQuery,
    responses: {
      200:
        format === 'json'
          ? { description: 'The dataset.', schema: jsonDatasetSchema(id), headers: [CACHE, ETAG, DISPOSITION] }
          : { description: 'The dataset: UTF-8 with a byte-order mark, header row, CRLF line ends.', mediaType: 'text/csv', headers: [CACHE, ETAG, DISPOSITION] },
    },
    problems: ['validation-failed'],
    examples: [{ name: 'download', summary: 'The whole dataset', status: 200 }],
  }));

export const OPERATIONS: Operation[] = [
  {
    operationId: 'health',
    method: 'get',
    path: '/api/v1/health',
    tag: 'About the API',
    summary: 'Whether the API can answer: the store answers and the plan is loaded',
    responses: { 200: { description: 'Healthy.', schema: Health } },
    problems: [],
    examples: [{ name: 'healthy', summary: 'Healthy', status: 200 }],
  },
  {
    operationId: 'plan',
    method: 'get',
    path: '/api/v1/plan',
    tag: 'Plan',
    summary: 'The plan: title, period, source, categories with indicator, binding and status counts',
    query: NoQuery,
    responses: { 200: json('The plan.', PlanView) },
    problems: ['validation-failed'],
    examples: [{ name: 'plan', summary: 'The plan', status: 200 }],
  },
  {
    operationId: 'indicators',
    method: 'get',
    path: '/api/v1/indicators',
    tag: 'Indicators',
    summary: 'Every indicator with its current values, latest value, computed progress and ratings',
    description: 'Filters combine. Unknown parameters and unknown values are refused (400).',
    query: IndicatorFilter,
    responses: { 200: json('The indicators, in the plan’s order.', IndicatorList) },
    problems: ['validation-failed'],
    examples: [
      { name: 'binding-ecology', summary: 'Binding indicators of 生态文明', query: { category: '生态文明', attribute: 'binding' }, status: 200 },
      { name: 'unknown-status', summary: 'A status that does not exist', query: { status: 'great' }, status: 400 },
    ],
  },
  {
    operationId: 'indicator',
    method: 'get',
    path: '/api/v1/indicators/{id}',
    tag: 'Indicators',
    summary: 'One indicator with its 13th-plan history and every revision of its values',
    pathParams: IndicatorPath,
    query: NoQuery,
    responses: { 200: json('The indicator.', IndicatorDetail) },
    problems: ['validation-failed', 'not-found'],
    examples: [
      { name: 'gdp', summary: 'GDP, with a corrected value (illustrative values)', params: { id: GDP }, status: 200 },
      { name: 'unknown', summary: 'An id the plan does not have', params: { id: 'no-such-indicator' }, status: 404 },
    ],
  },
  {
    operationId: 'projects',
    method: 'get',
    path: '/api/v1/projects',
    tag: 'Projects',
    summary: 'Every project or measure, with its ratings',
    query: ProjectFilter,
    responses: { 200: json('The projects.', ProjectList) },
    problems: ['validation-failed'],
    examples: [{ name: 'box-4', summary: 'The projects of 专栏4', query: { box: '4' }, status: 200 }],
  },
  {
    operationId: 'project',
    method: 'get',
    path: '/api/v1/projects/{id}',
    tag: 'Projects',
    summary: 'One project or measure',
    pathParams: ProjectPath,
    query: NoQuery,
    responses: { 200: json('The project.', ProjectView) },
    problems: ['validation-failed', 'not-found'],
    examples: [{ name: 'project', summary: 'A project of 专栏4', params: { id: EXAMPLE_PROJECT }, status: 200 }],
  },
  ...collectionOps('indicators'),
  ...collectionOps('projects'),
  {
    operationId: 'ratings',
    method: 'get',
    path: '/api/v1/ratings',
    tag: 'Ratings',
    summary: 'The plan-wide summary and ranking of all targets, or one summary per category',
    description: 'Targets with fewer than `minRatings` ratings are published but not ranked; ranks use the Bayesian mean, so a handful of votes cannot top the table.',
    query: RatingsQuery,
    responses: { 200: json('The summaries.', RatingsOverview) },
    problems: ['validation-failed'],
    examples: [
      { name: 'plan', summary: 'The plan and the ranking, all time', status: 200 },
      { name: 'categories', summary: 'By category, in one year', query: { group: 'category', period: '2026' }, status: 200 },
    ],
  },
  {
    operationId: 'ratingSeries',
    method: 'get',
    path: '/api/v1/ratings/series',
    tag: 'Ratings',
    summary: 'A scope’s ratings by month or year, for charts',
    query: SeriesQuery,
    responses: { 200: json('The series.', RatingSeries) },
    problems: ['validation-failed', 'not-found'],
    examples: [{ name: 'gdp-by-month', summary: 'GDP’s ratings by month', query: { target: `indicator:${GDP}` }, status: 200 }],
  },
  {
    operationId: 'submitFeedback',
    method: 'post',
    path: '/api/v1/feedback',
    tag: 'Feedback',
    summary: 'Rate an indicator or project (好差评), with an optional comment',
    description:
      'No account. The first submission issues an anonymous voter token (`X-Voter-Token` header and `gp_voter` cookie); send it back to stay the same voter. ' +
      'One rating per voter, target and calendar year (China Standard Time): a second one replaces the first and says so. ' +
      'Comments are published only after moderation. No IP address is stored. Send `Idempotency-Key` to retry safely. Body: `application/json`, at most 16 KiB.',
    requestHeaders: [
      VOTER_TOKEN_IN,
      { name: 'Idempotency-Key', description: '1–255 visible ASCII characters: a retry with the same key and body returns the first answer and records nothing twice.' },
    ],
    body: FeedbackSubmission,
    responses: {
      201: {
        description: 'Recorded.',
        schema: FeedbackResult,
        headers: [VOTER_TOKEN_OUT, { name: 'Location', description: 'Where the voter can read their ratings back.' }, { name: 'Set-Cookie', description: '`gp_voter`, HttpOnly, SameSite=Lax, on a first submission.' }],
      },
    },
    problems: ['validation-failed', 'malformed-body', 'invalid-voter-token', 'not-found', 'conflict', 'payload-too-large', 'unsupported-media-type', 'idempotency-key-reused', 'too-many-requests'],
    examples: [
      { name: 'rate-and-comment', summary: 'A rating with a comment', body: { targetType: 'indicator', targetId: PM25, rating: 4, comment: '希望公布2024年数据' }, status: 201 },
      { name: 'rate-only', summary: 'A rating alone, of a project', body: { targetType: 'project', targetId: EXAMPLE_PROJECT, rating: 2 }, status: 201 },
      { name: 'bad-rating', summary: 'A level outside 1–5', body: { targetType: 'indicator', targetId: GDP, rating: 6 }, status: 400 },
    ],
  },
  {
    operationId: 'myFeedback',
    method: 'get',
    path: '/api/v1/me/feedback',
    tag: 'Feedback',
    summary: 'The caller’s own current ratings and their comments’ moderation status',
    description: 'Identified by `X-Voter-Token` or the `gp_voter` cookie; without either, an empty list. Never cached.',
    query: MeQuery,
    requestHeaders: [VOTER_TOKEN_IN],
    responses: { 200: { description: 'The caller’s ratings.', schema: MyFeedback, headers: [{ name: 'Cache-Control', description: '`private, no-store`.' }] } },
    problems: ['validation-failed', 'invalid-voter-token'],
    examples: [
      { name: 'anonymous', summary: 'Without a voter token: nothing to show', status: 200 },
      { name: 'one-target', summary: 'The caller’s rating of one indicator', query: { targetType: 'indicator', targetId: GDP }, status: 200 },
      { name: 'half-a-target', summary: 'targetType without targetId', query: { targetType: 'indicator' }, status: 400 },
    ],
  },
  {
    operationId: 'openApi',
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'About the API',
    summary: 'This document (OpenAPI 3.1)',
    description:
      'Redirects to the document’s current file, a static file named by its content hash (`/assets/api-docs/openapi.{hash}.json`, `application/json`, cached for a year). Follow the redirect; this address never changes.',
    query: NoQuery,
    responses: {
      302: { description: 'Where the document is.', noContent: true, headers: [{ name: 'Location', description: 'The document’s current file.' }, CACHE] },
    },
    problems: ['validation-failed'],
    examples: [{ name: 'document', summary: 'The document', status: 302 }],
  },
  {
    operationId: 'openDataPlan',
    method: 'get',
    path: '/api/v1/open-data/plan.json',
    tag: 'Open data',
    summary: 'The whole plan as data, with every published value revision',
    query: NoQuery,
    responses: { 200: { description: 'The plan.', schema: PlanDocument, headers: [CACHE, ETAG, DISPOSITION] } },
    problems: ['validation-failed'],
    examples: [{ name: 'download', summary: 'The plan as data', status: 200 }],
  },
  ...DATASET_IDS.flatMap(datasetOps),
  {
    operationId: 'planFeed',
    method: 'get',
    path: '/api/v1/feeds/plan.atom',
    tag: 'Feeds',
    summary: 'Atom feed of the whole plan: new values, status changes, official replies, closed 差评 cases',
    query: NoQuery,
    responses: { 200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] } },
    problems: ['validation-failed'],
    examples: [{ name: 'feed', summary: 'The plan’s feed', status: 200 }],
  },
  {
    operationId: 'indicatorFeed',
    method: 'get',
    path: '/api/v1/feeds/indicators/{id}.atom',
    tag: 'Feeds',
    summary: 'Atom feed of one indicator',
    pathParams: IndicatorPath,
    query: NoQuery,
    responses: { 200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] } },
    problems: ['validation-failed', 'not-found'],
    examples: [
      { name: 'gdp', summary: 'GDP’s feed', params: { id: GDP }, status: 200 },
      { name: 'unknown', summary: 'An indicator the plan does not have', params: { id: 'no-such-indicator' }, status: 404 },
    ],
  },
  {
    operationId: 'projectFeed',
    method: 'get',
    path: '/api/v1/feeds/projects/{id}.atom',
    tag: 'Feeds',
    summary: 'Atom feed of one project',
    pathParams: ProjectPath,
    query: NoQuery,
    responses: { 200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] } },
    problems: ['validation-failed', 'not-found'],
    examples: [{ name: 'project', summary: 'A project’s feed', params: { id: EXAMPLE_PROJECT }, status: 200 }],
  },
  {
    operationId: 'apiDocs',
    method: 'get',
    path: '/api/docs',
    tag: 'About the API',
    summary: 'The interactive reference page of this document',
    query: NoQuery,
    responses: { 200: { description: 'An HTML page; its scripts are served by gongping itself under /assets/api-docs/.', mediaType: 'text/html' } },
    problems: ['validation-failed'],
    examples: [{ name: 'page', summary: 'The page', status: 200 }],
  },
];

/**
 * Routes the app answers that this document does not describe yet: they come from work in progress
 * (staff sign-in, moderation and replies, the 差评 case loop, publishing values, administration).
 * tests/integration/openapi.test.ts fails on a route that is neither in OPERATIONS nor here, and on a
 * route listed here that the app no longer answers, so the list can only shrink: documenting a
 * route means moving it into OPERATIONS (with its schemas in schemas.ts and responses.ts).
 */
export const NOT_YET_DOCUMENTED: readonly string[] = [
  'post /api/v1/comments/{feedbackId}/flags',
  'get /api/v1/me/cases',
  'post /api/v1/me/cases/{caseId}/satisfaction',
  'get /api/v1/cases/stats',
  'get /api/v1/monitor/me',
  'get /api/v1/monitor/comments',
  'post /api/v1/monitor/comments/moderation',
  'post /api/v1/monitor/comments/{feedbackId}/moderation',
  'post /api/v1/monitor/comments/{feedbackId}/replies',
  'get /api/v1/monitor/cases',
  'get /api/v1/monitor/cases/{caseId}',
  'post /api/v1/monitor/cases/reconcile',
  'post /api/v1/monitor/cases/{caseId}/steps',
  'get /api/v1/monitor/export/cases.csv',
  'post /api/v1/publisher/indicators/{id}/observations',
  'post /api/v1/publisher/projects/{id}/progress',
  'post /api/v1/publisher/import/observations',
  'post /api/v1/publisher/import/progress',
  'get /api/v1/publisher/export/indicators.csv',
  'get /api/v1/publisher/export/observations.csv',
  'get /api/v1/publisher/export/progress.csv',
  'get /api/v1/publisher/export/aggregates.csv',
  'post /api/v1/admin/ratings/{feedbackId}/fraud',
  'get /api/v1/admin/audit',
  'get /api/v1/admin/audit.csv',
];

/** `/api/v1/indicators/{id}` with `{id: 'gdp'}` → `/api/v1/indicators/gdp`. */
export function examplePath(operation: Operation, example: ExampleRequest): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = example.params?.[name];
    if (value === undefined) throw new Error(`example ${operation.operationId}/${example.name} lacks path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(example.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}
