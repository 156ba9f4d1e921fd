import * as z from 'zod/mini';
import { CitizenCase } from './accountability-schemas.js';
import { doc } from './registry.js';
import { CaseId } from './schemas.js';

/**
 * Following a 差评 case from any device with its receipt (shared/cases/receipt.ts): the look-up's
 * request and answer.
 */

export const CaseLookupBody = z.strictObject({
  caseId: CaseId,
  code: doc(z.string().check(z.minLength(1), z.maxLength(40)), {
    description:
      'The receipt’s secret code as issued (`7KQ2M-X9D4R`): case, spaces and dashes do not matter, and I, L and O read as 1, 1 and 0.',
    examples: ['7KQ2M-X9D4R'],
  }),
  attach: z.optional(
    doc(z.boolean(), {
      description:
        'Also follow the case from this voter (the `gp_voter` cookie or `X-Voter-Token`; one is issued if missing): it then shows in `GET /api/v1/me/cases` and on `/me`.',
    }),
  ),
});

export const CaseFeedQuery = z.strictObject({ code: CaseLookupBody.shape.code });

export const CaseLookupAnswer = doc(
  z.strictObject({
    case: CitizenCase,
    attached: z.boolean(),
  }),
  { id: 'CaseLookupAnswer', description: 'The case the receipt opens, as its citizen sees it.' },
);
