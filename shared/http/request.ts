import type { Context } from 'hono';
import type * as z from 'zod/mini';
import '../validation-messages.js';
import { ProblemError } from './problem.js';

const issuesOf = (error: z.core.$ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));

/** Parses a JSON body: application/json only, strict UTF-8, then the schema. */
export async function jsonBody<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.infer<S>> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i.test(contentType.trim())) {
    throw new ProblemError('unsupported-media-type', { detail: `got ${contentType || 'no content type'}` });
  }
  let value: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    value = JSON.parse(text);
  } catch {
    throw new ProblemError('malformed-body');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ProblemError('validation-failed', { errors: issuesOf(parsed.error) });
  return parsed.data;
}

/** Parses the query string; unknown parameters are refused like unknown body fields. */
export function queryParams<S extends z.ZodMiniType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new ProblemError('validation-failed', { errors: issuesOf(parsed.error) });
  return parsed.data;
}

export function pathParam<S extends z.ZodMiniType>(schema: S, value: string | undefined, name: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // A malformed id cannot name anything we hold; say so as a 404, without echoing it back.
    throw new ProblemError('not-found', { detail: `no ${name} with that id` });
  }
  return parsed.data;
}
