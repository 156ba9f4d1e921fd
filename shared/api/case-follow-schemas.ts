import * as z from 'zod/mini';
import { CitizenCase } from './accountability-schemas.js';
import { doc } from './registry.js';
import { CaseLookupBody } from './case-bodies.js';
import { PushSubscription } from '../cases/notifier.js';

/**
 * Following a 差评 case from any device with its receipt (shared/cases/receipt.ts): the look-up's
 * answer and the case feed's query (the look-up's body is in ./case-bodies.ts, which the citizen
 * pages share).
 */

export const CaseFeedQuery = z.strictObject({ code: CaseLookupBody.shape.code });

export const CaseLookupAnswer = doc(
  z.strictObject({
    case: CitizenCase,
    attached: z.boolean(),
  }),
  { id: 'CaseLookupAnswer', description: 'The case the receipt opens, as its citizen sees it.' },
);

export const PushSubscriptionBody = z.strictObject({
  caseId: CaseLookupBody.shape.caseId,
  code: CaseLookupBody.shape.code,
  subscription: doc(PushSubscription, {
    description:
      'What the browser’s `PushSubscription.toJSON()` gives, subscribed with the VAPID public key the case’s page names. Its endpoint must be a browser’s push service.',
  }),
});

export const PushSubscriptionAnswer = doc(z.strictObject({ caseId: z.string(), subscribed: z.boolean() }), {
  id: 'PushSubscriptionAnswer',
  description: 'The case now tells this browser when it is verified, replied or closed.',
});
