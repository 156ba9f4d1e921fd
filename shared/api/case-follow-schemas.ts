import * as z from 'zod/mini';
import { CitizenCase } from './accountability-schemas.js';
import { doc } from './registry.js';

/**
 * Following a 差评 case from any device with its receipt (shared/cases/receipt.ts): the look-up's
 * answer (what is sent, the look-up, the feed's query and a push subscription, is in ./case-bodies.ts,
 * which the citizen API and pages carry without the answer models).
 */

export const CaseLookupAnswer = doc(
  z.strictObject({
    case: CitizenCase,
    attached: z.boolean(),
  }),
  { id: 'CaseLookupAnswer', description: 'The case the receipt opens, as its citizen sees it.' },
);

export const PushSubscriptionAnswer = doc(z.strictObject({ caseId: z.string(), subscribed: z.boolean() }), {
  id: 'PushSubscriptionAnswer',
  description: 'The case now tells this browser when it is verified, replied or closed.',
});
