/**
 * Domain errors. Each carries its kind, and shared/http/problem.ts holds the one table from kind to
 * HTTP problem (its type checks that every kind is there); the domain never speaks HTTP.
 */
export const ERROR_KINDS = [
  'not-found',
  'conflict',
  'invalid-state',
  'invalid-cursor',
  'validation-failed',
  'too-many-requests',
  'unauthorized',
  'service-unavailable',
  'internal-error',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What an error adds to its answer, the same for every kind. */
export interface ErrorExtras {
  /** For people; may change. */
  detail?: string;
  /** Which inputs are wrong, and why. */
  errors?: Array<{ path: string; message: string }>;
  /** How long the caller should wait before trying again (an HTTP answer's Retry-After). */
  retryAfterSeconds?: number;
  /** Anything else the answer carries, under the error's own names. */
  [member: string]: unknown;
}

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** What the answer adds to the kind's title; the message, unless a subclass says otherwise. */
  extras(): ErrorExtras {
    return { detail: this.message };
  }
}

export class NotFoundError extends DomainError {
  readonly kind: ErrorKind = 'not-found';
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} does not exist`);
  }
}

/** A write lost a race with other writers more times than it is worth retrying. */
export class ConflictError extends DomainError {
  readonly kind: ErrorKind = 'conflict';
}

/** Stored data that does not match its schema: a bug or a manual edit, never the client's fault. */
export class CorruptItemError extends DomainError {
  readonly kind: ErrorKind = 'internal-error';
}

/** A pagination cursor that this API did not issue. */
export class InvalidCursorError extends DomainError {
  readonly kind: ErrorKind = 'invalid-cursor';
  // The problem's title says it all.
  override extras(): ErrorExtras {
    return {};
  }
}

/** Too many requests from one client address or voter in the current window. */
export class RateLimitedError extends DomainError {
  readonly kind: ErrorKind = 'too-many-requests';
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: 'address' | 'voter',
  ) {
    super(
      `too many submissions from this ${limit === 'address' ? 'network address' : 'voter'}; retry in ${retryAfterSeconds} s`,
    );
  }
  override extras(): ErrorExtras {
    return { detail: this.message, limit: this.limit, retryAfterSeconds: this.retryAfterSeconds };
  }
}

/** The plan has not been loaded into the store: nothing that reads it can answer yet (503). */
export class PlanNotLoadedError extends DomainError {
  readonly kind: ErrorKind = 'service-unavailable';
}

/** Text that masking personal data made longer than can be kept (a placeholder can be longer than what it hides). */
export class TextTooLongError extends DomainError {
  readonly kind: ErrorKind = 'validation-failed';
}
