import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../shared/auth/verifier.js';
import { CodeExchangeError } from '../../shared/auth/sign-in.js';
import { CaseStateError } from '../../shared/cases/case.js';
import {
  ConflictError,
  CorruptItemError,
  DomainError,
  ERROR_KINDS,
  InvalidCursorError,
  NotFoundError,
  PlanNotLoadedError,
  RateLimitedError,
  TextTooLongError,
  type ErrorKind,
} from '../../shared/errors.js';
import { explain, problemFor, PROBLEMS, ProblemError, STORE_RETRY_AFTER_SECONDS } from '../../shared/http/problem.js';
import { CommentStateError } from '../../shared/moderation/store.js';
import { csvProblem } from '../../shared/publishing/csv.js';
import { PublishRuleError } from '../../shared/publishing/observations.js';
import { DepartmentClashError, UnknownDepartmentError } from '../../shared/departments/department.js';
import { ImportRejected, ProgressReasonRequired } from '../../shared/publishing/publish.js';
import { PlanClosedToPublishingError, PlanClosedToRatingsError, PlanStatusError } from '../../shared/plan/lifecycle.js';
import { PlanFileRejected, PlanReplaceRefused } from '../../shared/publishing/plans.js';

/**
 * One error path (issue 15 §6): every domain error carries its kind, and PROBLEMS maps every kind
 * to the status and title it answers with, for the API's problem documents and the pages alike.
 */

/** One of every domain error class, with the kind and status it must answer with. */
const SAMPLES: Array<[error: DomainError, kind: ErrorKind, status: number]> = [
  [new NotFoundError('indicator', 'nowhere'), 'not-found', 404],
  [new ConflictError('written meanwhile'), 'conflict', 409],
  [new CommentStateError('the comment is rejected'), 'invalid-state', 409],
  [new CaseStateError('the reply is rated already'), 'invalid-state', 409],
  [new InvalidCursorError('not ours'), 'invalid-cursor', 400],
  [new TextTooLongError('too long once masked'), 'validation-failed', 400],
  [new PublishRuleError({ code: 'correctionNeedsReason', year: 2023, value: 600 }), 'validation-failed', 400],
  [new ProgressReasonRequired('say why'), 'validation-failed', 400],
  [new PlanStatusError('p', 'draft', 'closed'), 'invalid-state', 409],
  [new DepartmentClashError('统计局 is already the name of another department'), 'invalid-state', 409],
  [new UnknownDepartmentError('no active department stats-office'), 'validation-failed', 400],
  [new PlanClosedToRatingsError('p', 'closed'), 'invalid-state', 409],
  [new PlanClosedToPublishingError('p'), 'invalid-state', 409],
  [new PlanFileRejected([{ path: '$.id', message: 'missing' }]), 'validation-failed', 400],
  [new PlanReplaceRefused('p', { why: 'not-draft', status: 'published' }), 'invalid-state', 409],
  [new ImportRejected([csvProblem(3, 'value', { code: 'notANumber', text: 'x' })]), 'validation-failed', 400],
  [new RateLimitedError(30, 'voter'), 'too-many-requests', 429],
  [new AuthError('expired', 'the token has expired'), 'unauthorized', 401],
  [new AuthError('unavailable', 'the key set cannot be fetched'), 'service-unavailable', 503],
  [new CodeExchangeError('refused'), 'unauthorized', 401],
  [new PlanNotLoadedError('the plan has not been loaded'), 'service-unavailable', 503],
  [new CorruptItemError('item PK / SK does not match its schema'), 'internal-error', 500],
];

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every `class A extends B` in the application's source, as [A, B, file]. */
const CLASSES = ['shared', 'web', 'functions'].flatMap((layer) =>
  sourceFiles(join(ROOT, layer)).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bclass\s+(\w+)\s+extends\s+(\w+)/g)].map(
      (m) => [m[1]!, m[2]!, relative(ROOT, file)] as const,
    ),
  ),
);

/** Errors in shared/ and web/ that extend Error itself, and why they are no domain error. */
const PLAIN_ERRORS: Record<string, string> = {
  DomainError: 'the base of them all',
  ProblemError: 'thrown by HTTP code with a problem type of its own; problemFor answers it as it says',
  ConfigError: 'stops the process at start-up, before any request',
  NotJsonAt: 'the plan file reader’s private signal, caught in the function that throws it (shared/plan/file.ts)',
};

describe('the error kinds', () => {
  it('each map to a problem with a status and a title', () => {
    for (const kind of ERROR_KINDS) {
      const problem = (PROBLEMS as Record<string, { status: number; title: string } | undefined>)[kind];
      expect(problem, kind).toBeDefined();
      expect(problem!.status, kind).toBeGreaterThanOrEqual(400);
      expect(problem!.title, kind).not.toBe('');
    }
  });
});

describe('every domain error', () => {
  it('is found in the source, so that the checks below cannot pass by reading nothing', () => {
    expect(CLASSES.length).toBeGreaterThan(10);
    expect(CLASSES).toContainEqual(['NotFoundError', 'DomainError', 'shared/errors.ts']);
  });

  it('extends DomainError, not Error itself (in what answers requests: the CLIs in functions/ keep their own)', () => {
    const plain = CLASSES.filter(([, base, file]) => base === 'Error' && !file.startsWith('functions/')).map(
      ([name, , file]) => `${name} (${file})`,
    );
    expect(plain.filter((entry) => !(entry.split(' ')[0]! in PLAIN_ERRORS))).toEqual([]);
  });

  it('is sampled here, whatever file it is declared in', () => {
    const domain = new Set(['DomainError']);
    for (let size = 0; size !== domain.size;) {
      size = domain.size;
      for (const [name, base] of CLASSES) if (domain.has(base)) domain.add(name);
    }
    domain.delete('DomainError');
    expect([...domain].sort()).toEqual([...new Set(SAMPLES.map(([error]) => error.name))].sort());
  });

  it.each(SAMPLES.map(([error, kind, status]) => [error.name, kind, status, error] as const))(
    '%s carries the kind %s and answers %d',
    (_name, kind, status, error) => {
      expect(error.kind).toBe(kind);
      expect(ERROR_KINDS).toContain(error.kind);
      const problem = problemFor(error);
      expect(problem).toMatchObject({ type: kind, status });
      expect(PROBLEMS[problem.type].status).toBe(status);
      // Retry-After is a header, never a member of the document.
      expect(problem.extras).not.toHaveProperty('retryAfterSeconds');
    },
  );
});

describe('problemFor', () => {
  it('tells what a domain error adds: the detail, a retry time, the rows an import refused', () => {
    expect(problemFor(new NotFoundError('case', 'c1')).extras).toEqual({ detail: 'case c1 does not exist' });
    expect(problemFor(new InvalidCursorError('not ours')).extras).toEqual({});
    expect(problemFor(new RateLimitedError(30, 'address'))).toMatchObject({
      retryAfterSeconds: 30,
      extras: { limit: 'address' },
    });
    expect(problemFor(new ProgressReasonRequired('say why')).extras).toEqual({
      errors: [{ path: 'reason', message: 'say why' }],
    });
    expect(problemFor(new AuthError('expired', 'the token has expired')).extras).toEqual({
      detail: 'the token has expired',
      reason: 'expired',
    });
    const rejected = problemFor(new ImportRejected([csvProblem(3, 'value', { code: 'notANumber', text: 'x' })]));
    expect(rejected.extras).toEqual({
      detail: '1 problem(s); nothing was imported',
      errors: [{ path: 'line 3, value', message: 'not a number: "x"' }],
      problems: [{ line: 3, column: 'value', reason: 'not a number: "x"' }],
    });
  });

  it('answers a ProblemError as it says', () => {
    expect(problemFor(new ProblemError('payload-too-large', { detail: 'split the file' }))).toEqual({
      type: 'payload-too-large',
      status: 413,
      extras: { detail: 'split the file' },
    });
  });

  it('answers the store throttling or unreachable with 503 and a retry time', () => {
    const throttled = Object.assign(new Error('Throughput exceeds the current capacity'), {
      name: 'ProvisionedThroughputExceededException',
      $metadata: {},
    });
    expect(problemFor(throttled)).toMatchObject({
      type: 'service-unavailable',
      status: 503,
      retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
    });
  });

  it('says nothing of a fault of ours, a domain one or any other', () => {
    expect(problemFor(new CorruptItemError('item GP#1 / X does not match its schema'))).toEqual({
      type: 'internal-error',
      status: 500,
      extras: {},
    });
    expect(problemFor(new TypeError('secret internals'))).toEqual({ type: 'internal-error', status: 500, extras: {} });
    expect(problemFor('a string thrown')).toEqual({ type: 'internal-error', status: 500, extras: {} });
  });
});

describe('explain', () => {
  it('gives a form its message for the kinds it explains, at the status of the error’s problem, and nothing for the rest', () => {
    const messages = { conflict: 'try again', 'too-many-requests': 'later' } as const;
    expect(explain(new ConflictError('raced'), messages)).toEqual({
      message: 'try again',
      problem: { type: 'conflict', status: 409, extras: { detail: 'raced' } },
    });
    expect(explain(new RateLimitedError(12, 'voter'), messages)?.problem).toMatchObject({
      status: 429,
      retryAfterSeconds: 12,
    });
    expect(explain(new CommentStateError('rejected'), messages)).toBeUndefined();
    expect(explain(new NotFoundError('case', 'c1'), messages)).toBeUndefined();
    expect(explain(new Error('conflict'), messages)).toBeUndefined();
  });
});
