import * as z from 'zod/mini';
import { COMMENT_MAX_LENGTH } from '../feedback/comment.js';
import { FeedbackIdFormat } from '../feedback/feedback-id.js';
import { doc } from './registry.js';
import { PushSubscription } from '../cases/notifier.js';

/**
 * What a citizen sends about a 差评 case, in the JSON API and in the citizen pages' forms alike: the
 * look-up by receipt and the verdict on a reply. Apart from the API's other schemas (./schemas.ts,
 * ./case-follow-schemas.ts), which the citizen pages' function does not carry.
 */

export const CaseLookupBody = z.strictObject({
  // A case has the id of the rating that opened it (documented as FeedbackId in ./schemas.ts).
  caseId: FeedbackIdFormat,
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

export const SatisfactionBody = z.strictObject({
  satisfied: doc(z.boolean(), {
    description: 'Whether the official reply satisfies the citizen; `false` reopens the case for review (disputed).',
  }),
  note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(COMMENT_MAX_LENGTH))),
});

export const CaseFeedQuery = z.strictObject({ code: CaseLookupBody.shape.code });

export const PushSubscriptionBody = z.strictObject({
  caseId: CaseLookupBody.shape.caseId,
  code: CaseLookupBody.shape.code,
  subscription: doc(PushSubscription, {
    description:
      'What the browser’s `PushSubscription.toJSON()` gives, subscribed with the VAPID public key the case’s page names. Its endpoint must be a browser’s push service.',
  }),
});
