import * as z from 'zod/mini';
import { REGIONS } from '../verdicts/classify.js';
import { doc } from './registry.js';

/**
 * The verdicts route's request schema, apart from the answer's (verdict-schemas.ts), so that the
 * citizen API bundle carries the query it checks and not the response models it never parses.
 */

/** The regions, documented once for the query and the answer. */
export const Region = doc(z.enum(REGIONS), {
  id: 'VerdictRegion',
  description:
    'Where the two verdicts put a target: `agree-good` (on track or done, and citizens satisfied), `agree-bad` (behind, and citizens dissatisfied), `paper-progress` (on track or done on paper, citizens dissatisfied), `quiet-success` (behind on paper, citizens satisfied), or `undetermined` (not assessable, too few ratings, or a satisfaction interval across or between the thresholds).',
});

/** `GET /verdicts` and `GET /plans/{planId}/verdicts` */
export const VerdictsQuery = z.strictObject({
  period: doc(z._default(z.string().check(z.regex(/^(all|\d{4})$/, 'all or a year (2025)')), 'all'), {
    description:
      'All time (`all`), or a calendar year (`2025`): that year’s ratings against the official figures known for that year.',
  }),
  category: z.optional(
    doc(z.string().check(z.minLength(1), z.maxLength(40)), {
      description: 'Only targets of this category (an indicator category, or `projects`).',
    }),
  ),
  region: z.optional(Region),
});
export type VerdictsQuery = z.infer<typeof VerdictsQuery>;
