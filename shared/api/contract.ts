import * as z from 'zod/mini';
import { DATASET_IDS, DATASETS, FORMATS, type DatasetId } from '../open-data/datasets.js';
import { jsonDatasetSchema } from '../open-data/format.js';
import type { Role } from '../auth/roles.js';
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
  CaseId,
  FeedbackId,
  IndicatorFilter,
  MeQuery,
  NoQuery,
  ProjectFilter,
  ProjectId,
  RatingsQuery,
  SeriesQuery,
  TargetRatingsQuery,
} from './schemas.js';
import {
  AuditPage,
  BulkModerationResult,
  CaseDetail,
  CasePage,
  CaseStatsAnswer,
  CitizenCase,
  CommentQueue,
  FlagResult,
  FraudResult,
  ModerationResult,
  MyCases,
  ObservationImportResult,
  ObservationPublished,
  ProgressImportResult,
  ProgressPublished,
  ReconcileResult,
  ReplyResult,
  StaffCase,
  StaffMe,
} from './responses.js';
import { CaseStatsQuery, FlagBody, SatisfactionBody } from './schemas.js';
import {
  AggregatesQuery,
  AuditCsvQuery,
  AuditQuery,
  BulkModerationBody,
  CasesQuery,
  CommentQueueQuery,
  FraudBody,
  ImportQuery,
  ModerationBody,
  ProgressBody,
  ReconcileBody,
  ReplyBody,
  StepBody,
} from './staff-schemas.js';
import { ObservationInput } from '../publishing/observations.js';
import { Plan } from '../plan/document.js';
import { Observation } from '../plan/observation.js';
import { IndicatorId } from '../plan/schema.js';
import { TargetId, type TargetType } from '../feedback/target.js';
import { TARGET_KIND_LIST, type TargetKind } from '../feedback/target-kinds.js';

/**
 * The API contract: every route, what it takes, what it answers and an example of each, in one
 * list. scripts/build-openapi.ts turns it into the OpenAPI 3.1 document (shared/http/api/openapi.json),
 * sending each example request to the real app on a scratch store and recording the answer, and
 * tests/integration/openapi.test.ts checks that the app answers exactly these routes.
 */

export type Method = 'get' | 'post';

/**
 * Path parameters, by route, for the document: the routes check each id with the schema named
 * here (pathParam) and answer a malformed one 404, like an unknown one.
 */
const IndicatorPath = z.strictObject({ id: IndicatorId });
const ProjectPath = z.strictObject({ id: ProjectId });
const TargetPath = z.strictObject({ id: TargetId });
const FeedbackPath = z.strictObject({ feedbackId: FeedbackId });
const CasePath = z.strictObject({ caseId: CaseId });

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
  schema?: z.ZodMiniType;
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
  /** A raw request body (CSV uploads), sent with the operation's `textBody` media type. */
  text?: string;
  /** Sent with a bearer token of a staff member with these roles (the build signs one with the development identity provider). */
  staff?: Role[];
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
  pathParams?: z.ZodMiniObject;
  query?: z.ZodMiniType;
  requestHeaders?: HeaderSpec[];
  body?: z.ZodMiniType;
  /** A request body that is not JSON: a file upload. */
  textBody?: { mediaType: string; description: string };
  /** Staff only: a bearer token with one of these roles (requireRole in shared/http/staff-auth.ts). */
  security?: Role[];
  /** Success answers by status. */
  responses: Record<number, ResponseSpec>;
  /** Problem kinds (shared/http/problem.ts) this route may answer, besides internal-error and service-unavailable. */
  problems: string[];
  examples: ExampleRequest[];
}

export const TAGS = [
  { name: 'Plan', description: 'The plan: title, period, categories and counts. 规划概况' },
  {
    name: 'Indicators',
    description: 'The 31 main indicators (专栏3) with their yearly values and computed progress status. 主要指标',
  },
  { name: 'Projects', description: 'Projects and measures from the plan’s boxes. 重点项目' },
  {
    name: 'Ratings',
    description: 'Citizens’ 好差评 ratings as published by the aggregation: summaries, rankings, series. 群众评价',
  },
  { name: 'Feedback', description: 'Rating and commenting, without an account. 评价与留言' },
  {
    name: 'Open data',
    description: 'Downloads at stable URLs, CSV (UTF-8 with BOM) and JSON; dictionary at /open-data. 开放数据',
  },
  {
    name: 'Feeds',
    description: 'Atom feeds of new values, status changes, official replies and closed 差评 cases. 订阅',
  },
  {
    name: 'Accountability',
    description:
      'Flagging comments, following one’s own 差评 case and rating its reply, and how fast 差评 are answered. 差评整改',
  },
  {
    name: 'Moderation',
    description: 'Staff (monitor): the moderation queue, moderation decisions and official replies. 留言审核与回复',
  },
  {
    name: 'Cases',
    description:
      'Staff (monitor): the 差评 follow-up cases, 核实 → 整改 → 答复 → 办结, with working-day deadlines. 差评办理',
  },
  {
    name: 'Publishing',
    description:
      'Staff (publisher): yearly indicator values and project progress, one at a time or as CSV, and the CSV exports. 数据发布',
  },
  { name: 'Administration', description: 'Staff (admin): documented fraud marks on ratings and the audit log. 管理' },
  { name: 'About the API', description: 'This document, its reference page, and health. 接口说明' },
] as const;

const CACHE = { name: 'Cache-Control', description: 'How long a shared cache may keep the answer.' };
const ETAG = {
  name: 'ETag',
  description: 'Weak validator: send it back in `If-None-Match` to get 304 Not Modified when nothing changed.',
};
const DISPOSITION = { name: 'Content-Disposition', description: 'The file name to save the download under.' };
const VOTER_TOKEN_IN: HeaderSpec = {
  name: 'X-Voter-Token',
  description:
    'The anonymous voter token an earlier `POST /feedback` gave this client (API clients; browsers send the `gp_voter` cookie, which the site’s pages set when they show the rating form). A token that is not genuine is refused (401).',
};
const VOTER_TOKEN_OUT: HeaderSpec = {
  name: 'X-Voter-Token',
  description:
    'Issued to a submission without a token: keep it before anything else and send it back to be the same voter. Lost with this answer, it cannot be had again (see `POST /api/v1/feedback`).',
};

const json = (description: string, schema: z.ZodMiniType, headers: HeaderSpec[] = [CACHE, ETAG]): ResponseSpec => ({
  description,
  schema,
  headers,
});

const PlanDocument = doc(z.extend(Plan, { observations: z.array(Observation) }), {
  id: 'PlanDocument',
  description: 'The plan as data, as in shared/plan/licheng-14th.json, with every published observation revision.',
});

// A plan's list readers poll for; examples use the loaded plan's real ids.
const GDP = 'gdp';
const PM25 = 'pm25-concentration';
export const EXAMPLE_PROJECT = 'b04-enterprise-tech-and-engineering-research-centres';

/** The target each kind's examples use. */
const EXAMPLE_TARGET: Record<TargetType, string> = { indicator: GDP, project: EXAMPLE_PROJECT };

const collectionOps = ({ type: singular, collection, heading: tag, labelWithArticle }: TargetKind): Operation[] => {
  const example = EXAMPLE_TARGET[singular];
  return [
    {
      operationId: `${singular}Comments`,
      method: 'get',
      path: `/api/v1/${collection}/{id}/comments`,
      tag,
      summary: `Published comments on ${labelWithArticle}, newest first`,
      description:
        'Only comments a moderator published; never the voter, never personal data. Page with `limit` and the `nextCursor` of the previous page.',
      pathParams: TargetPath,
      query: CommentsQuery,
      responses: { 200: json('A page of comments.', CommentsPage) },
      problems: ['validation-failed', 'invalid-cursor', 'not-found'],
      examples: [
        {
          name: 'first-page',
          summary: 'The first page, two per page',
          params: { id: example },
          query: { limit: '2' },
          status: 200,
        },
        {
          name: 'bad-cursor',
          summary: 'A cursor this API did not issue',
          params: { id: example },
          query: { cursor: 'bm90LWEtY3Vyc29y' },
          status: 400,
        },
      ],
    },
    {
      operationId: `${singular}Ratings`,
      method: 'get',
      path: `/api/v1/${collection}/{id}/ratings`,
      tag: 'Ratings',
      summary: `The published rating summary of ${labelWithArticle} in a period`,
      description:
        'Counts, mean, 满意率 and 差评率 with 95% Wilson intervals, the Bayesian mean and the rank. An honest zero when nobody has rated it.',
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
          : {
              description: 'The dataset: UTF-8 with a byte-order mark, header row, CRLF line ends.',
              mediaType: 'text/csv',
              headers: [CACHE, ETAG, DISPOSITION],
            },
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
      {
        name: 'binding-ecology',
        summary: 'Binding indicators of 生态文明',
        query: { category: '生态文明', attribute: 'binding' },
        status: 200,
      },
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
  ...TARGET_KIND_LIST.flatMap(collectionOps),
  {
    operationId: 'ratings',
    method: 'get',
    path: '/api/v1/ratings',
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
    examples: [
      { name: 'gdp-by-month', summary: 'GDP’s ratings by month', query: { target: `indicator:${GDP}` }, status: 200 },
    ],
  },
  {
    operationId: 'submitFeedback',
    method: 'post',
    path: '/api/v1/feedback',
    tag: 'Feedback',
    summary: 'Rate an indicator or project (好差评), with an optional comment',
    description:
      'No account. A submission without a token is issued an anonymous voter token (`X-Voter-Token` header and `gp_voter` cookie); send it back to stay the same voter. ' +
      'Such a first submission cannot be retried safely: if it was stored and its answer lost, the token is lost with it, and the retry, again without one, counts as a second voter (nor can it carry an `Idempotency-Key`: 428). ' +
      'The site’s pages therefore set the `gp_voter` cookie when they show the rating form, so the site’s form and script always post with a token. An API client has no such step: it should keep the token from its first answer before sending anything else, and know that repeating a first submission whose answer never came may count it twice. ' +
      'One rating per voter, target and calendar year (China Standard Time): a second one replaces the first and says so. ' +
      'Comments are published only after moderation. No IP address is stored. With a token, send `Idempotency-Key` to retry safely. Body: `application/json`, at most 16 KiB.',
    requestHeaders: [
      VOTER_TOKEN_IN,
      {
        name: 'Idempotency-Key',
        description:
          '1–255 visible ASCII characters: a retry with the same key and body returns the first answer and records nothing twice. Kept per caller, so it needs `X-Voter-Token` (or the voter cookie): without one it is refused (428), since the first answer would carry a voter token minted for that request alone.',
      },
    ],
    body: FeedbackSubmission,
    responses: {
      201: {
        description: 'Recorded.',
        schema: FeedbackResult,
        headers: [
          VOTER_TOKEN_OUT,
          { name: 'Location', description: 'Where the voter can read their ratings back.' },
          {
            name: 'Set-Cookie',
            description:
              '`gp_voter`, HttpOnly, SameSite=Lax, to a submission without a token (a browser on the site has it already, from the page with the form).',
          },
        ],
      },
    },
    problems: [
      'validation-failed',
      'malformed-body',
      'invalid-voter-token',
      'not-found',
      'conflict',
      'payload-too-large',
      'unsupported-media-type',
      'idempotency-key-reused',
      'idempotency-key-needs-caller',
      'too-many-requests',
    ],
    examples: [
      {
        name: 'rate-and-comment',
        summary: 'A rating with a comment',
        body: { targetType: 'indicator', targetId: PM25, rating: 4, comment: '希望公布2024年数据' },
        status: 201,
      },
      {
        name: 'rate-only',
        summary: 'A rating alone, of a project',
        body: { targetType: 'project', targetId: EXAMPLE_PROJECT, rating: 2 },
        status: 201,
      },
      {
        name: 'complaint-with-phone',
        summary: 'A 差评 whose comment has a phone number: the number is masked, and a follow-up case opens',
        body: {
          targetType: 'indicator',
          targetId: PM25,
          rating: 2,
          comment: '冬季数据一直没有更新，请回电 13812345678',
        },
        status: 201,
      },
      {
        name: 'bad-rating',
        summary: 'A level outside 1–5',
        body: { targetType: 'indicator', targetId: GDP, rating: 6 },
        status: 400,
      },
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
    responses: {
      200: {
        description: 'The caller’s ratings.',
        schema: MyFeedback,
        headers: [{ name: 'Cache-Control', description: '`private, no-store`.' }],
      },
    },
    problems: ['validation-failed', 'invalid-voter-token'],
    examples: [
      { name: 'anonymous', summary: 'Without a voter token: nothing to show', status: 200 },
      {
        name: 'one-target',
        summary: 'The caller’s rating of one indicator',
        query: { targetType: 'indicator', targetId: GDP },
        status: 200,
      },
      {
        name: 'half-a-target',
        summary: 'targetType without targetId',
        query: { targetType: 'indicator' },
        status: 400,
      },
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
      302: {
        description: 'Where the document is.',
        noContent: true,
        headers: [{ name: 'Location', description: 'The document’s current file.' }, CACHE],
      },
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
    responses: {
      200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] },
    },
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
    responses: {
      200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] },
    },
    problems: ['validation-failed', 'not-found'],
    examples: [
      { name: 'gdp', summary: 'GDP’s feed', params: { id: GDP }, status: 200 },
      {
        name: 'unknown',
        summary: 'An indicator the plan does not have',
        params: { id: 'no-such-indicator' },
        status: 404,
      },
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
    responses: {
      200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] },
    },
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
    responses: {
      200: {
        description: 'An HTML page; its scripts are served by gongping itself under /assets/api-docs/.',
        mediaType: 'text/html',
      },
    },
    problems: ['validation-failed'],
    examples: [{ name: 'page', summary: 'The page', status: 200 }],
  },
  ...accountabilityOps(),
];

/** `/api/v1/indicators/{id}` with `{id: 'gdp'}` → `/api/v1/indicators/gdp`. */
export function examplePath(operation: Operation, example: ExampleRequest): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = example.params?.[name];
    if (value === undefined)
      throw new Error(`example ${operation.operationId}/${example.name} lacks path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(example.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * Moderation, the 差评 case loop, publishing and administration. Staff operations name their roles
 * in `security`; their examples are sent with a token of the development identity provider. The
 * examples run in this order on one scratch store and build on each other: two pending comments
 * are moderated, a published one answered and flagged, the 差评 case of the scenario's seventh
 * voter verified, answered and rated by that voter, values and progress published.
 */
function accountabilityOps(): Operation[] {
  // Ids the scenario gives (fixed clock and ids): the first rating (a published comment on GDP),
  // the second (a rating without comment), the seventh (a 差评 with a published comment, which opened
  // a case), and the two comments it leaves pending.
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const COMMENTED = id(1);
  const RATING_ONLY = id(2);
  const CASE = id(7);
  const PENDING_A = id(21);
  const PENDING_B = id(22);
  const CASE_VOTER = 'example-token-example-voter-007';
  const UNKNOWN = id(999);
  const NO_STORE: HeaderSpec[] = [{ name: 'Cache-Control', description: '`private, no-store`.' }];
  const staff = (description: string, schema: z.ZodMiniType): ResponseSpec => ({
    description,
    schema,
    headers: NO_STORE,
  });
  const csv = (description: string): ResponseSpec => ({
    description: `${description} UTF-8, header row, CRLF line ends.`,
    mediaType: 'text/csv',
    headers: [{ name: 'Content-Disposition', description: 'An attachment with a dated file name.' }, ...NO_STORE],
  });
  const BODY = ['validation-failed', 'malformed-body', 'unsupported-media-type', 'payload-too-large'];
  const MONITOR: Role[] = ['monitor', 'admin'];
  const PUBLISHER: Role[] = ['publisher', 'admin'];
  const ADMIN: Role[] = ['admin'];
  const CSV_UPLOAD = (what: string) => ({
    mediaType: 'text/csv',
    description: `${what} \`text/csv; charset=utf-8\`, UTF-8 (a byte-order mark is allowed), header row first; at most 1 MiB. All or nothing: one bad row and nothing is imported, every bad row is reported (400, \`errors\` by line and column).`,
  });

  return [
    // -- Moderation (monitor) ------------------------------------------------------------------
    {
      operationId: 'staffMe',
      method: 'get',
      path: '/api/v1/monitor/me',
      tag: 'Moderation',
      summary: 'Who the token says the caller is: subject, name, roles, token use',
      security: MONITOR,
      responses: { 200: staff('The signed-in staff member.', StaffMe) },
      problems: [],
      examples: [
        { name: 'monitor', summary: 'A monitor’s token', staff: ['monitor'], status: 200 },
        { name: 'no-token', summary: 'Without a token', status: 401 },
        { name: 'wrong-role', summary: 'A publisher’s token', staff: ['publisher'], status: 403 },
      ],
    },
    {
      operationId: 'moderationQueue',
      method: 'get',
      path: '/api/v1/monitor/comments',
      tag: 'Moderation',
      summary:
        'The moderation queue (pending comments and published ones flagged for review, oldest first), or the rejected, hidden or published comments',
      description:
        'What a moderator needs: the masked text, why it is queued (`new`, or `flagged`: published, and sent for review by citizens’ flags; it stays public, marked under review, until kept or hidden), how many flagged it, what was masked. Never the voter.',
      query: CommentQueueQuery,
      security: MONITOR,
      responses: { 200: staff('A page of comments.', CommentQueue) },
      problems: ['validation-failed', 'invalid-cursor'],
      examples: [
        {
          name: 'pending',
          summary: 'The queue',
          query: { status: 'pending', limit: '10' },
          staff: ['monitor'],
          status: 200,
        },
        {
          name: 'published-without-target',
          summary: 'Published comments are listed per target',
          query: { status: 'published' },
          staff: ['monitor'],
          status: 400,
        },
      ],
    },
    {
      operationId: 'moderateComments',
      method: 'post',
      path: '/api/v1/monitor/comments/moderation',
      tag: 'Moderation',
      summary: 'Moderate up to 100 comments at once',
      description:
        'Each item is applied or reported on its own: 200 when all were applied, 207 when some failed (not found, or moderated meanwhile). Every decision is attributed in the audit log.',
      body: BulkModerationBody,
      security: MONITOR,
      responses: {
        200: staff('All applied.', BulkModerationResult),
        207: staff('Some failed; each result says.', BulkModerationResult),
      },
      problems: BODY,
      examples: [
        {
          name: 'publish',
          summary: 'Publish a pending comment',
          body: { items: [{ feedbackId: PENDING_A, action: 'publish' }] },
          staff: ['monitor'],
          status: 200,
        },
        {
          name: 'partly',
          summary: 'One applied, one unknown',
          body: {
            items: [
              { feedbackId: PENDING_A, action: 'publish' },
              { feedbackId: UNKNOWN, action: 'publish' },
            ],
          },
          staff: ['monitor'],
          status: 207,
        },
      ],
    },
    {
      operationId: 'moderateComment',
      method: 'post',
      path: '/api/v1/monitor/comments/{feedbackId}/moderation',
      tag: 'Moderation',
      summary: 'Publish (or keep), reject or hide one comment',
      description:
        'Publishing a published comment under review keeps it: the mark goes, its flags start again from zero, it leaves the queue (`from` and `to` both `published`, `changed: true`). Publishing a comment already published and not under review changes nothing (`changed: false`); a step its status does not allow is 409.',
      pathParams: FeedbackPath,
      body: ModerationBody,
      security: MONITOR,
      responses: { 200: staff('Done.', ModerationResult) },
      problems: [...BODY, 'not-found', 'invalid-state'],
      examples: [
        {
          name: 'reject',
          summary: 'Reject a pending comment, with the reason',
          params: { feedbackId: PENDING_B },
          body: { action: 'reject', reason: '与指标无关 · not about the indicator' },
          staff: ['monitor'],
          status: 200,
        },
        {
          name: 'hide-without-reason',
          summary: 'Hiding needs a reason',
          params: { feedbackId: PENDING_A },
          body: { action: 'hide' },
          staff: ['monitor'],
          status: 400,
        },
        {
          name: 'reject-published',
          summary: 'A published comment can be hidden, not rejected',
          params: { feedbackId: PENDING_A },
          body: { action: 'reject', reason: '示例 · example' },
          staff: ['monitor'],
          status: 409,
        },
      ],
    },
    {
      operationId: 'replyToComment',
      method: 'post',
      path: '/api/v1/monitor/comments/{feedbackId}/replies',
      tag: 'Moderation',
      summary: 'Attach an official reply of a department to a comment',
      description:
        'Shown under the comment on the public page (and in the target’s feed) while the comment is published; in the name of the department, never of a person.',
      pathParams: FeedbackPath,
      body: ReplyBody,
      security: MONITOR,
      responses: { 201: staff('The reply.', ReplyResult) },
      problems: [...BODY, 'not-found'],
      examples: [
        {
          name: 'reply',
          summary: 'A reply to a published comment',
          params: { feedbackId: COMMENTED },
          body: {
            department: '鲤城区统计局',
            text: '感谢建议。自2027年起，年度数值将同时公布增速。（示例回复 · example reply）',
          },
          staff: ['monitor'],
          status: 201,
        },
        {
          name: 'unknown',
          summary: 'A comment that does not exist',
          params: { feedbackId: UNKNOWN },
          body: { department: '鲤城区统计局', text: '示例 · example' },
          staff: ['monitor'],
          status: 404,
        },
      ],
    },

    // -- Citizens: flags ---------------------------------------------------------------------------
    {
      operationId: 'flagComment',
      method: 'post',
      path: '/api/v1/comments/{feedbackId}/flags',
      tag: 'Accountability',
      summary: 'Flag a published comment (spam, offensive, personal data, off-topic)',
      description:
        'No account: the voter token (or cookie) identifies the flagger, and one is issued if missing; where the client’s address is known, flags are counted once per address. When enough citizens flag a comment, it stays public, marked under review (`underReview` in the comment lists), and enters the moderation queue, where a monitor keeps or hides it: flags alone never take a comment down. How many flagged it is never disclosed.',
      pathParams: FeedbackPath,
      requestHeaders: [VOTER_TOKEN_IN],
      body: FlagBody,
      responses: {
        201: { description: 'Flagged.', schema: FlagResult, headers: [VOTER_TOKEN_OUT] },
        200: { description: 'This voter had flagged it already.', schema: FlagResult },
      },
      problems: [...BODY, 'not-found', 'invalid-voter-token', 'too-many-requests'],
      examples: [
        {
          name: 'flag',
          summary: 'Flag a published comment',
          params: { feedbackId: PENDING_A },
          body: { reason: 'off-topic' },
          status: 201,
        },
        {
          name: 'not-published',
          summary: 'A comment that is not published',
          params: { feedbackId: PENDING_B },
          body: { reason: 'spam' },
          status: 404,
        },
      ],
    },

    // -- Cases (monitor) ---------------------------------------------------------------------------
    {
      operationId: 'cases',
      method: 'get',
      path: '/api/v1/monitor/cases',
      tag: 'Cases',
      summary: 'The 差评 cases: unfinished ones by deadline, overdue, due soon, or closed',
      description:
        'A 差评 (rating 1 or 2) with a comment opens a case, due in `CASE_DEADLINE_DAYS` working days (official holidays and 调休 counted).',
      query: CasesQuery,
      security: MONITOR,
      responses: { 200: staff('A page of cases.', CasePage) },
      problems: ['validation-failed', 'invalid-cursor'],
      examples: [
        {
          name: 'active',
          summary: 'Unfinished cases, soonest deadline first',
          query: { view: 'active' },
          staff: ['monitor'],
          status: 200,
        },
      ],
    },
    {
      operationId: 'case',
      method: 'get',
      path: '/api/v1/monitor/cases/{caseId}',
      tag: 'Cases',
      summary: 'One case with its comment, the replies and its audit trail',
      pathParams: CasePath,
      security: MONITOR,
      responses: { 200: staff('The case.', CaseDetail) },
      problems: ['not-found'],
      examples: [
        { name: 'case', summary: 'A case just opened', params: { caseId: CASE }, staff: ['monitor'], status: 200 },
        {
          name: 'unknown',
          summary: 'A case that does not exist',
          params: { caseId: UNKNOWN },
          staff: ['monitor'],
          status: 404,
        },
      ],
    },
    {
      operationId: 'reconcileCases',
      method: 'post',
      path: '/api/v1/monitor/cases/reconcile',
      tag: 'Cases',
      summary: 'Open the cases missing for 差评 recorded in a time range',
      description:
        'A case is opened when the 差评 is recorded; should that have failed, this finds the 差评 without a case and opens it. Safe to repeat.',
      body: ReconcileBody,
      security: MONITOR,
      responses: { 200: staff('What was checked and opened.', ReconcileResult) },
      problems: BODY,
      examples: [
        {
          name: 'november',
          summary: 'Since 1 November 2026',
          body: { since: '2026-11-01T00:00:00Z' },
          staff: ['monitor'],
          status: 200,
        },
      ],
    },
    {
      operationId: 'stepCase',
      method: 'post',
      path: '/api/v1/monitor/cases/{caseId}/steps',
      tag: 'Cases',
      summary: 'Take a step: verify, rectify, reply, close, or assign to a department',
      description:
        'A reply is also published as the department’s official reply to the comment, and the citizen can rate it. A step the status does not allow is 409. Every step is kept, with who took it.',
      pathParams: CasePath,
      body: StepBody,
      security: MONITOR,
      responses: { 200: staff('The case after the step.', StaffCase) },
      problems: [...BODY, 'not-found', 'invalid-state', 'conflict'],
      examples: [
        {
          name: 'verify',
          summary: 'Verify (核实), assigning the department',
          params: { caseId: CASE },
          body: { action: 'verify', department: '鲤城区统计局' },
          staff: ['monitor'],
          status: 200,
        },
        {
          name: 'reply',
          summary: 'Reply (答复) after verification',
          params: { caseId: CASE },
          body: {
            action: 'reply',
            department: '鲤城区统计局',
            text: '2022年数值更正系依据第五次全国经济普查修订，更正说明已在指标页补充。（示例回复 · example reply）',
          },
          staff: ['monitor'],
          status: 200,
        },
        {
          name: 'rectify-after-reply',
          summary: 'Rectification after the reply is not allowed',
          params: { caseId: CASE },
          body: { action: 'rectify', note: '示例 · example' },
          staff: ['monitor'],
          status: 409,
        },
      ],
    },
    {
      operationId: 'casesCsv',
      method: 'get',
      path: '/api/v1/monitor/export/cases.csv',
      tag: 'Cases',
      summary: 'Every case as CSV, with its deadlines and answer times',
      query: NoQuery,
      security: MONITOR,
      responses: { 200: csv('The cases.') },
      problems: ['validation-failed'],
      examples: [{ name: 'download', summary: 'The cases', staff: ['monitor'], status: 200 }],
    },

    // -- Citizens: their cases, and the statistics --------------------------------------------------
    {
      operationId: 'myCases',
      method: 'get',
      path: '/api/v1/me/cases',
      tag: 'Accountability',
      summary: 'The caller’s own 差评 cases: steps, the official reply, whether they can rate it',
      description:
        'Identified by `X-Voter-Token` or the `gp_voter` cookie; without either, an empty list. Never cached.',
      query: NoQuery,
      requestHeaders: [VOTER_TOKEN_IN],
      responses: { 200: { description: 'The caller’s cases.', schema: MyCases, headers: NO_STORE } },
      problems: ['validation-failed', 'invalid-voter-token'],
      examples: [
        { name: 'replied', summary: 'A case with its reply', headers: { 'X-Voter-Token': CASE_VOTER }, status: 200 },
        {
          name: 'forged-token',
          summary: 'A token this API did not issue',
          headers: { 'X-Voter-Token': 'not-a-token' },
          status: 401,
        },
      ],
    },
    {
      operationId: 'rateCaseReply',
      method: 'post',
      path: '/api/v1/me/cases/{caseId}/satisfaction',
      tag: 'Accountability',
      summary:
        'Say whether the official reply to one’s 差评 satisfies (closes the case) or not (reopens it for review)',
      description: 'Only the voter whose rating opened the case; anyone else gets 404. Once per reply.',
      pathParams: CasePath,
      requestHeaders: [VOTER_TOKEN_IN],
      body: SatisfactionBody,
      responses: { 200: { description: 'The case after the answer.', schema: CitizenCase, headers: NO_STORE } },
      problems: [...BODY, 'not-found', 'invalid-voter-token', 'invalid-state', 'conflict'],
      examples: [
        {
          name: 'satisfied',
          summary: 'Satisfied',
          params: { caseId: CASE },
          headers: { 'X-Voter-Token': CASE_VOTER },
          body: { satisfied: true },
          status: 200,
        },
        {
          name: 'again',
          summary: 'The reply was rated already',
          params: { caseId: CASE },
          headers: { 'X-Voter-Token': CASE_VOTER },
          body: { satisfied: false },
          status: 409,
        },
      ],
    },
    {
      operationId: 'caseStats',
      method: 'get',
      path: '/api/v1/cases/stats',
      tag: 'Accountability',
      summary: 'How many 差评 were answered, how many on time, how fast: overall and per target or department',
      query: CaseStatsQuery,
      responses: { 200: { description: 'The statistics.', schema: CaseStatsAnswer } },
      problems: ['validation-failed'],
      examples: [{ name: 'by-department', summary: 'By department', query: { group: 'department' }, status: 200 }],
    },

    // -- Publishing (publisher) ------------------------------------------------------------------
    {
      operationId: 'publishObservation',
      method: 'post',
      path: '/api/v1/publisher/indicators/{id}/observations',
      tag: 'Publishing',
      summary: 'Publish an indicator’s value for a year, or correct it (a new revision, with the reason)',
      description:
        'Nothing is overwritten: a correction is a new revision saying who, when and why, and needs a reason. The same value again changes nothing (200, `unchanged`).',
      pathParams: IndicatorPath,
      body: ObservationInput,
      security: PUBLISHER,
      responses: {
        201: staff('Published: the revision and the indicator’s progress status with it.', ObservationPublished),
        200: staff('The same value as the current one: nothing written.', ObservationPublished),
      },
      problems: [...BODY, 'not-found'],
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
          staff: ['publisher'],
          status: 201,
        },
        {
          name: 'correction-without-reason',
          summary: 'A correction must say why',
          params: { id: GDP },
          body: { year: 2023, value: 529 },
          staff: ['publisher'],
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
    },
    {
      operationId: 'publishProgress',
      method: 'post',
      path: '/api/v1/publisher/projects/{id}/progress',
      tag: 'Publishing',
      summary: 'Report a project’s status and progress (a new revision; after the first, with the reason)',
      pathParams: ProjectPath,
      body: ProgressBody,
      security: PUBLISHER,
      responses: { 201: staff('The report and the project with it.', ProgressPublished) },
      problems: [...BODY, 'not-found'],
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
          staff: ['publisher'],
          status: 201,
        },
      ],
    },
    {
      operationId: 'importObservations',
      method: 'post',
      path: '/api/v1/publisher/import/observations',
      tag: 'Publishing',
      summary: 'Publish indicator values from a CSV file (`dryRun=true` to check it first)',
      description:
        'Columns as in `GET /publisher/export/observations.csv`; `indicator_id`, `year` and `value` are required, a correction needs `note`.',
      query: ImportQuery,
      textBody: CSV_UPLOAD('The values,'),
      security: PUBLISHER,
      responses: {
        200: staff('Checked (dry run), or nothing to change.', ObservationImportResult),
        201: staff('Imported.', ObservationImportResult),
      },
      problems: ['validation-failed', 'malformed-body', 'unsupported-media-type', 'payload-too-large'],
      examples: [
        {
          name: 'dry-run',
          summary: 'Check a file',
          query: { dryRun: 'true' },
          text: 'indicator_id,year,value,source\r\npm25-concentration,2022,0.03,示例 · Example\r\n',
          staff: ['publisher'],
          status: 200,
        },
        {
          name: 'bad-row',
          summary: 'A file with an unknown indicator',
          query: { dryRun: 'true' },
          text: 'indicator_id,year,value\r\nno-such-indicator,2022,1\r\n',
          staff: ['publisher'],
          status: 400,
        },
      ],
    },
    {
      operationId: 'importProgress',
      method: 'post',
      path: '/api/v1/publisher/import/progress',
      tag: 'Publishing',
      summary: 'Report projects’ progress from a CSV file (`dryRun=true` to check it first)',
      description:
        'Columns as in `GET /publisher/export/progress.csv`; `project_id`, `status`, `progress` and `note` are required.',
      query: ImportQuery,
      textBody: CSV_UPLOAD('The reports,'),
      security: PUBLISHER,
      responses: {
        200: staff('Checked (dry run), or nothing to change.', ProgressImportResult),
        201: staff('Imported.', ProgressImportResult),
      },
      problems: ['validation-failed', 'malformed-body', 'unsupported-media-type', 'payload-too-large'],
      examples: [
        {
          name: 'dry-run',
          summary: 'Check a file',
          query: { dryRun: 'true' },
          text: `project_id,status,progress,note\r\n${EXAMPLE_PROJECT},in_progress,40,示例 · Example\r\n`,
          staff: ['publisher'],
          status: 200,
        },
      ],
    },
    ...(
      [
        ['exportIndicators', 'indicators', 'Every indicator with its definition and current value.'],
        ['exportObservations', 'observations', 'Every value revision; the format `import/observations` reads.'],
        ['exportProgress', 'progress', 'Every progress report; the format `import/progress` reads.'],
      ] as const
    ).map(([operationId, file, summary]): Operation => ({
      operationId,
      method: 'get',
      path: `/api/v1/publisher/export/${file}.csv`,
      tag: 'Publishing',
      summary,
      query: NoQuery,
      security: PUBLISHER,
      responses: { 200: csv('The file.') },
      problems: ['validation-failed'],
      examples: [{ name: 'download', summary: 'The file', staff: ['publisher'], status: 200 }],
    })),
    {
      operationId: 'exportAggregates',
      method: 'get',
      path: '/api/v1/publisher/export/aggregates.csv',
      tag: 'Publishing',
      summary: 'The published rating summaries of a period, one row per scope',
      query: AggregatesQuery,
      security: PUBLISHER,
      responses: { 200: csv('The summaries.') },
      problems: ['validation-failed'],
      examples: [
        { name: 'a-month', summary: 'November 2026', query: { period: '2026-11' }, staff: ['publisher'], status: 200 },
      ],
    },

    // -- Administration (admin) ------------------------------------------------------------------
    {
      operationId: 'markFraud',
      method: 'post',
      path: '/api/v1/admin/ratings/{feedbackId}/fraud',
      tag: 'Administration',
      summary: 'Mark a rating as fraudulent, with the documented reason: it stops counting',
      description:
        'The rating is kept (nothing is deleted) and taken out of the counts at the next aggregation. Marking it again changes nothing (200).',
      pathParams: FeedbackPath,
      body: FraudBody,
      security: ADMIN,
      responses: { 201: staff('Marked.', FraudResult), 200: staff('Marked already.', FraudResult) },
      problems: [...BODY, 'not-found', 'conflict'],
      examples: [
        {
          name: 'mark',
          summary: 'Mark a rating',
          params: { feedbackId: RATING_ONLY },
          body: { reason: '示例：同一设备批量提交 · Example: a batch from one device' },
          staff: ['admin'],
          status: 201,
        },
        {
          name: 'monitor',
          summary: 'Only administrators',
          params: { feedbackId: RATING_ONLY },
          body: { reason: '示例：同一设备批量提交' },
          staff: ['monitor'],
          status: 403,
        },
      ],
    },
    {
      operationId: 'audit',
      method: 'get',
      path: '/api/v1/admin/audit',
      tag: 'Administration',
      summary:
        'The audit log, newest first: every staff action and every comment citizens’ flags sent for review, with who, what, when and why',
      query: AuditQuery,
      security: ADMIN,
      responses: { 200: staff('A page of entries.', AuditPage) },
      problems: ['validation-failed', 'invalid-cursor'],
      examples: [
        {
          name: 'case-steps',
          summary: 'The verifications',
          query: { action: 'case.verify' },
          staff: ['admin'],
          status: 200,
        },
      ],
    },
    {
      operationId: 'auditCsv',
      method: 'get',
      path: '/api/v1/admin/audit.csv',
      tag: 'Administration',
      summary: 'The audit log as CSV, oldest first within the range',
      query: AuditCsvQuery,
      security: ADMIN,
      responses: { 200: csv('The entries.') },
      problems: ['validation-failed'],
      examples: [
        {
          name: 'fraud-marks',
          summary: 'The fraud marks',
          query: { action: 'rating.fraud' },
          staff: ['admin'],
          status: 200,
        },
      ],
    },
  ];
}
