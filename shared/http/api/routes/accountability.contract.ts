import { operation } from '../../../api/operation.js';
import { CaseStatsAnswer, CitizenCase, FlagResult, MyCases } from '../../../api/accountability-schemas.js';
import { CaseStatsQuery, FlagBody, NoQuery } from '../../../api/schemas.js';
import { SatisfactionBody } from '../../../api/case-bodies.js';
import {
  CASE,
  CASE_VOTER,
  CasePath,
  FeedbackPath,
  NO_STORE,
  PENDING_A,
  PENDING_B,
  VOTER_TOKEN_IN,
  VOTER_TOKEN_OUT,
  BODY,
} from '../contract-parts.js';

/** Citizens: flags, their own 差评 cases, and how fast 差评 are answered. */
export const accountabilityContract = {
  flagComment: operation({
    operationId: 'flagComment',
    method: 'post',
    path: '/api/v1/comments/{feedbackId}/flags',
    tag: 'Accountability',
    summary: 'Flag a published comment (spam, offensive, personal data, off-topic)',
    description:
      'No account: the voter token (or cookie) identifies the flagger, and one is issued if missing; where the client’s address is known, flags are counted once per address. When enough citizens flag a comment, it stays public, marked under review (`underReview` in the comment lists), and enters the moderation queue, where a monitor keeps or hides it: flags alone never take a comment down. How many flagged it is never disclosed.',
    pathParams: FeedbackPath,
    requestHeaders: [VOTER_TOKEN_IN],
    body: FlagBody,
    responses: {
      201: { description: 'Flagged.', schema: FlagResult, headers: [VOTER_TOKEN_OUT] },
      200: { description: 'This voter had flagged it already.', schema: FlagResult },
    },
    problems: [...BODY, 'not-found', 'invalid-voter-token', 'too-many-requests'],
    examples: [
      {
        name: 'flag',
        summary: 'Flag a published comment',
        params: { feedbackId: PENDING_A },
        body: { reason: 'off-topic' },
        status: 201,
      },
      {
        name: 'not-published',
        summary: 'A comment that is not published',
        params: { feedbackId: PENDING_B },
        body: { reason: 'spam' },
        status: 404,
      },
    ],
  }),
  myCases: operation({
    operationId: 'myCases',
    method: 'get',
    path: '/api/v1/me/cases',
    tag: 'Accountability',
    summary: 'The caller’s own 差评 cases: steps, the official reply, whether they can rate it',
    description: 'Identified by `X-Voter-Token` or the `gp_voter` cookie; without either, an empty list. Never cached.',
    query: NoQuery,
    requestHeaders: [VOTER_TOKEN_IN],
    responses: { 200: { description: 'The caller’s cases.', schema: MyCases, headers: NO_STORE } },
    problems: ['validation-failed', 'invalid-voter-token'],
    examples: [
      { name: 'replied', summary: 'A case with its reply', headers: { 'X-Voter-Token': CASE_VOTER }, status: 200 },
      {
        name: 'forged-token',
        summary: 'A token this API did not issue',
        headers: { 'X-Voter-Token': 'not-a-token' },
        status: 401,
      },
    ],
  }),
  rateCaseReply: operation({
    operationId: 'rateCaseReply',
    method: 'post',
    path: '/api/v1/me/cases/{caseId}/satisfaction',
    tag: 'Accountability',
    summary: 'Say whether the official reply to one’s 差评 satisfies (closes the case) or not (reopens it for review)',
    description: 'Only the voter whose rating opened the case; anyone else gets 404. Once per reply.',
    pathParams: CasePath,
    requestHeaders: [VOTER_TOKEN_IN],
    body: SatisfactionBody,
    responses: { 200: { description: 'The case after the answer.', schema: CitizenCase, headers: NO_STORE } },
    problems: [...BODY, 'not-found', 'invalid-voter-token', 'invalid-state', 'conflict'],
    examples: [
      {
        name: 'satisfied',
        summary: 'Satisfied',
        params: { caseId: CASE },
        headers: { 'X-Voter-Token': CASE_VOTER },
        body: { satisfied: true },
        status: 200,
      },
      {
        name: 'again',
        summary: 'The reply was rated already',
        params: { caseId: CASE },
        headers: { 'X-Voter-Token': CASE_VOTER },
        body: { satisfied: false },
        status: 409,
      },
    ],
  }),
  caseStats: operation({
    operationId: 'caseStats',
    method: 'get',
    path: '/api/v1/cases/stats',
    planScoped: true,
    tag: 'Accountability',
    summary: 'How many 差评 were answered, how many on time, how fast: overall and per target or department',
    query: CaseStatsQuery,
    responses: { 200: { description: 'The statistics.', schema: CaseStatsAnswer } },
    problems: ['validation-failed'],
    examples: [{ name: 'by-department', summary: 'By department', query: { group: 'department' }, status: 200 }],
  }),
};
