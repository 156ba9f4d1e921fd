import * as z from 'zod/mini';
import { doc } from './registry.js';

/** What any part of the API may answer: the health check, and the problem document of every error. */

export const Health = z.strictObject({ status: z.literal('ok'), plan: z.string(), time: z.iso.datetime() });

export const Problem = doc(
  z.looseObject({
    type: doc(z.string(), {
      description: 'A stable URN per kind of problem, `urn:gongping:problem:{kind}`; switch on this.',
    }),
    title: z.string(),
    status: z.number().check(z.int()),
    instance: doc(z.string(), { description: 'The path that was requested.' }),
    detail: doc(z.optional(z.string()), { description: 'For people; may change.' }),
    errors: doc(z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))), {
      description: 'Every invalid field of a `validation-failed` problem.',
    }),
  }),
  { id: 'Problem', description: 'An RFC 9457 problem document: every error answer of the API, never a stack trace.' },
);
