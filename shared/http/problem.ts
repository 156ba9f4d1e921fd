import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error answer is an RFC 9457 problem document. Each kind has a stable `type` a client
 * can switch on; `detail` is for people and may change.
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
  'idempotency-key-needs-caller': { status: 428, title: 'An Idempotency-Key needs a voter token or a staff token to be kept under' },
  'too-many-requests': { status: 429, title: 'Too many requests; retry after the time given' },
  'internal-error': { status: 500, title: 'Something went wrong on our side' },
  'service-unavailable': { status: 503, title: 'A dependency is unavailable' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemType = keyof typeof PROBLEMS;

export const problemTypeUri = (type: ProblemType) => `urn:gongping:problem:${type}`;

export interface ProblemExtras {
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
  [extension: string]: unknown;
}

export function problemResponse(c: Context, type: ProblemType, extras: ProblemExtras = {}): Response {
  const { status, title } = PROBLEMS[type];
  return c.body(JSON.stringify({ type: problemTypeUri(type), title, status, instance: c.req.path, ...extras }), status, {
    'Content-Type': 'application/problem+json',
  });
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
