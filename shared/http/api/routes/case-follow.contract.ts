import { operation } from '../../../api/operation.js';
import { CaseFeedQuery, CaseLookupBody, PushSubscriptionBody } from '../../../api/case-bodies.js';
import { CaseLookupAnswer, PushSubscriptionAnswer } from '../../../api/case-follow-schemas.js';
import {
  BODY,
  CASE,
  CasePath,
  EXAMPLE_RECEIPT_CODE,
  NO_STORE,
  VOTER_TOKEN_IN,
  VOTER_TOKEN_OUT,
} from '../contract-parts.js';

/** Following a 差评 case from any device with its receipt. */
export const caseFollowContract = {
  lookUpCase: operation({
    operationId: 'lookUpCase',
    method: 'post',
    path: '/api/v1/cases/lookup',
    tag: 'Accountability',
    summary: 'Open a 差评 case by its number and receipt code, from any device, and optionally follow it here',
    description:
      'No account: the case number and the secret code of the case’s receipt (shown once when the case opened, and on `/me` of the browser that filed it). ' +
      'A wrong code and a case that does not exist get the same 404 after the same work, and every attempt, right or wrong, counts against a limit per client address (10 a quarter of an hour; 429 beyond). Never cached.',
    requestHeaders: [VOTER_TOKEN_IN],
    body: CaseLookupBody,
    responses: {
      200: { description: 'The case.', schema: CaseLookupAnswer, headers: [...NO_STORE, VOTER_TOKEN_OUT] },
    },
    problems: [...BODY, 'not-found', 'invalid-voter-token', 'too-many-requests'],
    examples: [
      {
        name: 'look-up',
        summary: 'The case with its receipt, from another device',
        body: { caseId: CASE, code: EXAMPLE_RECEIPT_CODE },
        status: 200,
      },
      {
        name: 'wrong-code',
        summary: 'A code that is not the case’s: not found, like a case that does not exist',
        body: { caseId: CASE, code: '00000-00000' },
        status: 404,
      },
      {
        name: 'not-a-case-number',
        summary: 'Something that cannot be a case number',
        body: { caseId: 'case-1', code: '00000-00000' },
        status: 400,
      },
    ],
  }),
  caseFeed: operation({
    operationId: 'caseFeed',
    method: 'get',
    path: '/api/v1/feeds/cases/{caseId}.atom',
    tag: 'Feeds',
    summary: 'The private Atom feed of one 差评 case: each step, the official reply, each deadline passed',
    description:
      'Opened with the case’s receipt code in `code`, so its address is as private as the code: give it only to a feed reader you trust. ' +
      'Checked like a look-up (a wrong code and a missing case are the same 404), and counted per client and case (60 a quarter of an hour, enough for a reader polling every few minutes). Never cached, never indexed.',
    pathParams: CasePath,
    query: CaseFeedQuery,
    responses: {
      200: {
        description: 'The feed, newest first.',
        mediaType: 'application/atom+xml',
        headers: [...NO_STORE, { name: 'X-Robots-Tag', description: '`noindex, nofollow`.' }],
      },
    },
    problems: ['validation-failed', 'not-found', 'too-many-requests'],
    examples: [
      {
        name: 'feed',
        summary: 'The case’s feed, with its receipt code',
        params: { caseId: CASE },
        query: { code: EXAMPLE_RECEIPT_CODE },
        status: 200,
      },
      {
        name: 'wrong-code',
        summary: 'A code that is not the case’s',
        params: { caseId: CASE },
        query: { code: '00000-00000' },
        status: 404,
      },
    ],
  }),
  subscribeToCase: operation({
    operationId: 'subscribeToCase',
    method: 'post',
    path: '/api/v1/cases/push-subscriptions',
    tag: 'Accountability',
    summary: 'Be told by Web Push when a 差评 case is verified, replied or closed',
    description:
      'Optional, and only where the deployment has VAPID keys (otherwise 404): the case’s number and receipt code, checked and counted like a look-up, and the browser’s push subscription, which must name a browser’s push service. ' +
      'The subscription is kept with the case and deleted when the case closes (409 for a closed case); a push service that says it is gone drops it.',
    body: PushSubscriptionBody,
    responses: { 201: { description: 'Subscribed.', schema: PushSubscriptionAnswer, headers: NO_STORE } },
    problems: [...BODY, 'not-found', 'invalid-state', 'too-many-requests'],
    examples: [
      {
        name: 'subscribe',
        summary: 'A browser subscribes to the case with its receipt',
        body: {
          caseId: CASE,
          code: EXAMPLE_RECEIPT_CODE,
          subscription: {
            endpoint: 'https://fcm.googleapis.com/fcm/send/example',
            keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) },
          },
        },
        status: 201,
      },
    ],
  }),
};
