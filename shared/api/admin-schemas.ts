import * as z from 'zod/mini';
import { AuditEntryModel } from './monitor-schemas.js';
import { doc } from './registry.js';

/** What the administrators' operations answer: a fraud mark, the audit log. */

export const FraudResult = z.strictObject({
  feedbackId: z.string(),
  marked: z.literal(true),
  alreadyMarked: z.boolean(),
  removedFromCounts: doc(z.boolean(), {
    description:
      'Whether the rating was counted and is now taken out of the published counts (at the next aggregation).',
  }),
});
export const AuditPage = z.strictObject({ items: z.array(AuditEntryModel), nextCursor: z.nullable(z.string()) });
