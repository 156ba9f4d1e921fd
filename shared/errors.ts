/**
 * Domain errors. Each kind maps to one problem type at the HTTP edge (shared/http/problem.ts);
 * the domain never speaks HTTP.
 */
export class DomainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} does not exist`);
  }
}

/** A write lost a race with other writers more times than it is worth retrying. */
export class ConflictError extends DomainError {}

/** Stored data that does not match its schema: a bug or a manual edit, never the client's fault. */
export class CorruptItemError extends DomainError {}

/** A pagination cursor that this API did not issue. */
export class InvalidCursorError extends DomainError {}

/** Too many requests from one client address or voter in the current window. */
export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: 'address' | 'voter',
  ) {
    super(`too many submissions from this ${limit === 'address' ? 'network address' : 'voter'}; retry in ${retryAfterSeconds} s`);
  }
}

/** The plan has not been loaded into the store: nothing that reads it can answer yet (503). */
export class PlanNotLoadedError extends DomainError {}

/** Text that masking personal data made longer than can be kept (a placeholder can be longer than what it hides). */
export class TextTooLongError extends DomainError {}
