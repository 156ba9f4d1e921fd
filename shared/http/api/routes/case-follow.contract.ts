import { operation } from '../../../api/operation.js';
import { CaseLookupAnswer, CaseLookupBody } from '../../../api/case-follow-schemas.js';
import { BODY, CASE, NO_STORE, VOTER_TOKEN_IN, VOTER_TOKEN_OUT } from '../contract-parts.js';

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
};
