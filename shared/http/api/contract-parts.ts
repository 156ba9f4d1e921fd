import * as z from 'zod/mini';
import type { Role } from '../../auth/roles.js';
import { PlanId, TargetId, type TargetType } from '../../feedback/target.js';
import { TARGET_KIND_LIST, type TargetKind } from '../../feedback/target-kinds.js';
import { IndicatorId } from '../../plan/schema.js';
import type { HeaderSpec, Operation, ResponseSpec } from '../../api/operation.js';
import { CaseId, FeedbackId, NoQuery, ProjectId } from '../../api/schemas.js';

/**
 * What the contract modules of shared/http/api/routes share: path parameters, headers, response
 * shapes, the problems of a request body, the staff roles, and the ids their examples use.
 */

/**
 * Path parameters, by route, for the document: the routes check each id with the schema named
 * here (pathParam) and answer a malformed one 404, like an unknown one.
 */
export const IndicatorPath = z.strictObject({ id: IndicatorId });
export const ProjectPath = z.strictObject({ id: ProjectId });
export const TargetPath = z.strictObject({ id: TargetId });
export const FeedbackPath = z.strictObject({ feedbackId: FeedbackId });
export const CasePath = z.strictObject({ caseId: CaseId });
export const PlanPath = z.strictObject({ planId: PlanId });

export const CACHE = { name: 'Cache-Control', description: 'How long a shared cache may keep the answer.' };
export const ETAG = {
  name: 'ETag',
  description: 'Weak validator: send it back in `If-None-Match` to get 304 Not Modified when nothing changed.',
};
export const DISPOSITION = { name: 'Content-Disposition', description: 'The file name to save the download under.' };
export const VOTER_TOKEN_IN: HeaderSpec = {
  name: 'X-Voter-Token',
  description:
    'The anonymous voter token an earlier `POST /feedback` gave this client (API clients; browsers send the `gp_voter` cookie, which the site’s pages set when they show the rating form). A token that is not genuine is refused (401).',
};
export const VOTER_TOKEN_OUT: HeaderSpec = {
  name: 'X-Voter-Token',
  description:
    'Issued to a submission without a token: keep it before anything else and send it back to be the same voter. Lost with this answer, it cannot be had again (see `POST /api/v1/feedback`).',
};

/** A public JSON answer, cached. */
export const json = <S extends z.ZodMiniType>(
  description: string,
  schema: S,
  headers: HeaderSpec[] = [CACHE, ETAG],
) => ({
  description,
  schema,
  headers,
});
/**
 * A GET that takes no query and answers one cached JSON document (the plan, the list of plans): its
 * only problem is a query parameter, and its one example asks for it.
 */
export const documentGet = <const Id extends string, S extends z.ZodMiniType>(declared: {
  operationId: Id;
  path: string;
  planScoped?: true;
  tag: string;
  summary: string;
  /** What the answer is, in a few words: its description, and the example's summary. */
  answer: string;
  schema: S;
}) => ({
  operationId: declared.operationId,
  method: 'get' as const,
  path: declared.path,
  ...(declared.planScoped ? { planScoped: true as const } : {}),
  tag: declared.tag,
  summary: declared.summary,
  query: NoQuery,
  responses: { 200: json(`${declared.answer}.`, declared.schema) },
  problems: ['validation-failed'] as const,
  examples: [{ name: declared.operationId, summary: declared.answer, status: 200 }] as const,
});
export const NO_STORE: HeaderSpec[] = [{ name: 'Cache-Control', description: '`private, no-store`.' }];
/** A staff answer: JSON, never cached. */
export const staff = <S extends z.ZodMiniType>(description: string, schema: S) => ({
  description,
  schema,
  headers: NO_STORE,
});
export const csv = (description: string): ResponseSpec => ({
  description: `${description} UTF-8, header row, CRLF line ends.`,
  mediaType: 'text/csv',
  headers: [{ name: 'Content-Disposition', description: 'An attachment with a dated file name.' }, ...NO_STORE],
});
export const CSV_UPLOAD = (what: string) => ({
  mediaType: 'text/csv',
  description: `${what} \`text/csv; charset=utf-8\`, UTF-8 (a byte-order mark is allowed), header row first; at most 1 MiB. All or nothing: one bad row and nothing is imported, every bad row is reported (400, \`errors\` by line and column).`,
});
/** What a JSON or CSV request body may be refused for. */
export const BODY = ['validation-failed', 'malformed-body', 'unsupported-media-type', 'payload-too-large'];
export const MONITOR: Role[] = ['monitor', 'admin'];
export const PUBLISHER: Role[] = ['publisher', 'admin'];
export const ADMIN: Role[] = ['admin'];

// Examples use the loaded plan's real ids.
export const EXAMPLE_PLAN = 'licheng-14th';
export const GDP = 'gdp';
export const PM25 = 'pm25-concentration';
export const EXAMPLE_PROJECT = 'b04-enterprise-tech-and-engineering-research-centres';
/** The target each kind's examples use. */
export const EXAMPLE_TARGET: Record<TargetType, string> = { indicator: GDP, project: EXAMPLE_PROJECT };

/**
 * Ids the scenario of scripts/build-openapi.ts gives (fixed clock and ids): the first rating (a
 * published comment on GDP), the second (a rating without comment), the seventh (a 差评 with a
 * published comment, which opened a case), and the two comments it leaves pending. The staff and
 * accountability examples run in the order of shared/http/api/operations.ts on one scratch store
 * and build on each other: two pending comments are moderated, a published one answered, the 差评
 * case of the scenario's seventh voter verified and answered, flagged and rated by that voter,
 * values and progress published.
 */
// Each id is where its record landed (shard, time) and the scenario's nth id (shared/feedback/feedback-id.ts).
const id = (where: string, n: number) => `${where}-00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const COMMENTED = id('08-20261102T010300000Z', 1);
export const RATING_ONLY = id('09-20261102T010700000Z', 2);
export const CASE = id('14-20261102T012700000Z', 7);
export const PENDING_A = id('11-20261102T022300000Z', 21);
export const PENDING_B = id('04-20261102T022700000Z', 22);
export const CASE_VOTER = 'example-token-example-voter-007';
/** The receipt code every case of the examples is issued (scripts/build-openapi.ts), so a look-up can be shown. */
export const EXAMPLE_RECEIPT_CODE = '7KQ2M-X9D4R';
/** The VAPID public key of the examples, so a push subscription can be shown. */
export const EXAMPLE_VAPID_KEY = `B${'A'.repeat(86)}`;
export const UNKNOWN = id('00-20261102T010000000Z', 999);

/** One operation per kind of target (`/api/v1/indicators/…`, `/api/v1/projects/…`), keyed by kind. */
export const byKind = <O extends Operation>(declare: (kind: TargetKind) => O) =>
  Object.fromEntries(TARGET_KIND_LIST.map((kind) => [kind.type, declare(kind)])) as Record<TargetType, O>;
