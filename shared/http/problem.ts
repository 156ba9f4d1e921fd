import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '@aws-lambda-powertools/logger';
import { DomainError, type ErrorKind } from '../errors.js';
import { isStoreUnavailable } from '../store/faults.js';

interface ProblemEntry {
  status: ContentfulStatusCode;
  title: string;
}

/**
 * Every error answer is an RFC 9457 problem document. Each kind has a stable `type` a client
 * can switch on; `detail` is for people and may change. The table holds every domain error's kind
 * (shared/errors.ts; the type below fails if one is missing) and the kinds only HTTP knows.
 */
export const PROBLEMS = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-body': { status: 400, title: 'The body is not well-formed JSON in UTF-8' },
  'invalid-cursor': { status: 400, title: 'The cursor was not issued by this API' },
  'invalid-voter-token': { status: 401, title: 'The voter token is not genuine' },
  unauthorized: { status: 401, title: 'Sign in: a valid staff token is required' },
  forbidden: { status: 403, title: 'Your role does not allow this' },
  'not-through-cdn': { status: 403, title: 'Requests reach this site through its CDN only' },
  'not-found': { status: 404, title: 'No such resource' },
  'method-not-allowed': { status: 405, title: 'Method not allowed on this resource' },
  conflict: { status: 409, title: 'The resource changed concurrently; retry' },
  'invalid-state': { status: 409, title: 'The resource is not in a state that allows this' },
  'payload-too-large': { status: 413, title: 'The body is larger than 16 KiB' },
  'unsupported-media-type': { status: 415, title: 'The body must be application/json' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used for a different request' },
  'idempotency-key-needs-caller': {
    status: 428,
    title: 'An Idempotency-Key needs a voter token or a staff token to be kept under',
  },
  'too-many-requests': { status: 429, title: 'Too many requests; retry after the time given' },
  'internal-error': { status: 500, title: 'Something went wrong on our side' },
  'service-unavailable': { status: 503, title: 'A dependency is unavailable' },
} as const satisfies Record<ErrorKind, ProblemEntry> & Record<string, ProblemEntry>;

export type ProblemType = keyof typeof PROBLEMS;
export type ProblemStatus = (typeof PROBLEMS)[ProblemType]['status'];

/** What a client is told to wait when the store is throttling or unreachable. */
export const STORE_RETRY_AFTER_SECONDS = 2;

export const problemTypeUri = (type: ProblemType) => `urn:gongping:problem:${type}`;

export interface ProblemExtras {
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
  [extension: string]: unknown;
}

export function problemResponse(c: Context, type: ProblemType, extras: ProblemExtras = {}): Response {
  const { status, title } = PROBLEMS[type];
  return c.body(
    JSON.stringify({ type: problemTypeUri(type), title, status, instance: c.req.path, ...extras }),
    status,
    {
      'Content-Type': 'application/problem+json',
    },
  );
}

/** Thrown inside routes to answer with a problem; the app's error handler renders it. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(
    readonly problem: ProblemType,
    readonly extras: ProblemExtras = {},
  ) {
    super(extras.detail ?? PROBLEMS[problem].title);
  }
}

/** How an error is answered: its problem, what the document adds, and how long to wait before retrying. */
export interface Problem {
  type: ProblemType;
  status: ProblemStatus;
  extras: ProblemExtras;
  retryAfterSeconds?: number;
}

/**
 * The one mapping from an error to its answer, for the API's problem documents and the pages' error
 * pages alike: a route's ProblemError as it says; a domain error by its kind; the store throttling
 * or unreachable, 503 for a retry shortly (every write committed whole or not at all); anything
 * else is ours to fix, 500, saying nothing of itself.
 */
export function problemFor(error: unknown): Problem {
  if (error instanceof ProblemError)
    return { type: error.problem, status: PROBLEMS[error.problem].status, extras: error.extras };
  if (error instanceof DomainError && error.kind !== 'internal-error') {
    const { retryAfterSeconds, ...extras } = error.extras();
    return {
      type: error.kind,
      status: PROBLEMS[error.kind].status,
      extras,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };
  }
  if (isStoreUnavailable(error)) {
    return {
      type: 'service-unavailable',
      status: 503,
      extras: { detail: 'the store is unavailable; retry shortly' },
      retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
    };
  }
  return { type: 'internal-error', status: 500, extras: {} };
}

/** The status an error answers with. */
export const statusOf = (error: unknown): ProblemStatus => problemFor(error).status;

/**
 * For a page that shows a form again, with what was typed and a message, on the domain errors the
 * form can explain: the message `byKind` holds for the error's kind, and the problem (status,
 * Retry-After) the error answers with. Undefined for any other error, which the caller throws on.
 */
export function explain<T>(
  error: unknown,
  byKind: { readonly [K in ErrorKind]?: T },
): { message: T; problem: Problem } | undefined {
  const message = error instanceof DomainError ? byKind[error.kind] : undefined;
  return message === undefined ? undefined : { message, problem: problemFor(error) };
}

/** The problem as a problem+json answer, with Retry-After when it has one. */
export function problemAnswer(c: Context, problem: Problem): Response {
  const res = problemResponse(c, problem.type, problem.extras);
  if (problem.retryAfterSeconds !== undefined) res.headers.set('Retry-After', String(problem.retryAfterSeconds));
  return res;
}

/**
 * Faults are logged whole and never answered with: the store's unavailability as a warning, anything
 * else of ours (5xx) as an error. What the client got wrong (4xx) is the request log's.
 */
export function logFault(
  logger: Pick<Logger, 'warn' | 'error'>,
  error: unknown,
  problem: Problem,
  fields: Record<string, unknown> = {},
) {
  if (problem.status < 500) return;
  if (isStoreUnavailable(error)) logger.warn('store unavailable', { error, ...fields });
  else if (problem.type === 'internal-error')
    logger.error('unhandled error', { error, domain: error instanceof DomainError, ...fields });
  else logger.error('service unavailable', { error, ...fields });
}
