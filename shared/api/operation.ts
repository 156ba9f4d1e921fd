import * as z from 'zod/mini';
import type { Role } from '../auth/roles.js';

/**
 * What an API operation declares: its path and method, the schemas of what it takes and answers,
 * and the example requests the document shows. Each tag's operations are declared beside the routes
 * that serve them (shared/http/api/routes/*.contract.ts); the handlers' answers are typed from these
 * declarations (shared/http/api/respond.ts), scripts/build-openapi.ts turns them into the OpenAPI
 * 3.1 document, sending each example request to the real app on a scratch store and recording the
 * answer, and tests/integration/openapi.test.ts checks that the app answers exactly these routes.
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
  schema?: z.ZodMiniType;
  /** Default `application/json`. */
  mediaType?: string;
  headers?: readonly HeaderSpec[];
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
  staff?: readonly Role[];
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
  requestHeaders?: readonly HeaderSpec[];
  body?: z.ZodMiniType;
  /** A request body that is not JSON: a file upload. */
  textBody?: { mediaType: string; description: string };
  /** Staff only: a bearer token with one of these roles (requireRole in shared/http/staff-auth.ts). */
  security?: readonly Role[];
  /** Success answers by status. */
  responses: Record<number, ResponseSpec>;
  /**
   * Answered for each plan under `/api/v1/plans/{planId}/…` too, the path given here being the
   * alias of the current plan's: the document lists both (see planScopedVariants).
   */
  planScoped?: true;
  /** Problem kinds (shared/http/problem.ts) this route may answer, besides internal-error and service-unavailable. */
  problems: readonly string[];
  examples: readonly ExampleRequest[];
}

/**
 * Declares an operation. Returns it as given, its schemas' types kept, so that the handler's answer
 * can be typed from it (shared/http/api/respond.ts).
 */
export const operation = <const O extends Operation>(declared: O): O => declared;

/** Every operation of a contract module (an object of declarations, or of declarations by target kind). */
export function operationsOf(contract: Record<string, Operation | Record<string, Operation>>): Operation[] {
  return Object.values(contract).flatMap((entry) =>
    'operationId' in entry ? [entry as Operation] : Object.values(entry),
  );
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
  {
    name: 'Departments',
    description:
      'Staff: the managed list of departments that answer replies and 差评 cases; monitors read it, admins keep it. 答复部门',
  },
  { name: 'About the API', description: 'This document, its reference page, and health. 接口说明' },
] as const;

export const PLAN_SCOPE_PREFIX = '/api/v1/plans/{planId}';
const PlanIdPath = z.strictObject({ planId: z.string().check(z.minLength(1), z.maxLength(64)) });

/**
 * Where a scoped operation names its plan: after /api/v1 for the citizens' routes; after the staff
 * group for staff routes (`/api/v1/publisher/plans/{planId}/…`), which stay under their group's
 * routes to the staff function and its token check.
 */
function scopedPath(op: Operation): string {
  if (op.security) return op.path.replace(/^(\/api\/v1\/[a-z]+)/, '$1/plans/{planId}');
  return `${PLAN_SCOPE_PREFIX}${op.path.replace(/^\/api\/v1/, '')}`;
}

/**
 * A plan-scoped operation as the document lists it: the alias under its own path, for the current
 * plan, and the operation under its scoped path (scopedPath), whose operationId ends in `InPlan`.
 * Both are sent the same example requests, the scoped one with `examplePlan` as `planId`.
 */
export function planScopedVariants(op: Operation, examplePlan: string): Operation[] {
  if (!op.planScoped) return [op];
  const { planScoped: _scoped, ...plain } = op;
  const path = scopedPath(op);
  const alias: Operation = {
    ...plain,
    description: [op.description, `The current plan's; any plan's: \`${path}\`.`].filter(Boolean).join('\n\n'),
  };
  const scoped: Operation = {
    ...plain,
    operationId: `${op.operationId}InPlan`,
    path,
    pathParams: op.pathParams ? z.extend(PlanIdPath, op.pathParams.shape) : PlanIdPath,
    problems: op.problems.includes('not-found') ? op.problems : [...op.problems, 'not-found'],
    examples: op.examples.map((e) => ({ ...e, params: { planId: examplePlan, ...e.params } })),
  };
  return [alias, scoped];
}

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
