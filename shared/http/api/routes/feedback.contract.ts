import { operation } from '../../../api/operation.js';
import { CommentsPage, FeedbackResult, MyFeedback } from '../../../api/feedback-schemas.js';
import { CommentsQuery, FeedbackSubmission, MeQuery } from '../../../api/schemas.js';
import { type TargetKind } from '../../../feedback/target-kinds.js';
import {
  byKind,
  EXAMPLE_PROJECT,
  EXAMPLE_TARGET,
  GDP,
  json,
  PM25,
  TargetPath,
  VOTER_TOKEN_IN,
  VOTER_TOKEN_OUT,
} from '../contract-parts.js';

const comments = ({ type, collection, heading, labelWithArticle }: TargetKind) =>
  operation({
    operationId: `${type}Comments`,
    method: 'get',
    path: `/api/v1/${collection}/{id}/comments`,
    planScoped: true,
    tag: heading,
    summary: `Published comments on ${labelWithArticle}, newest first`,
    description:
      'Only comments a moderator published; never the voter, never personal data. Official replies name their department in Chinese (`department`) and in English (`departmentEn`, the Chinese name where no English one was kept). Page with `limit` and the `nextCursor` of the previous page.',
    pathParams: TargetPath,
    query: CommentsQuery,
    responses: { 200: json('A page of comments.', CommentsPage) },
    problems: ['validation-failed', 'invalid-cursor', 'not-found'],
    examples: [
      {
        name: 'first-page',
        summary: 'The first page, two per page',
        params: { id: EXAMPLE_TARGET[type] },
        query: { limit: '2' },
        status: 200,
      },
      {
        name: 'bad-cursor',
        summary: 'A cursor this API did not issue',
        params: { id: EXAMPLE_TARGET[type] },
        query: { cursor: 'bm90LWEtY3Vyc29y' },
        status: 400,
      },
    ],
  });

/** Rating and commenting, the caller’s own ratings, published comments. */
export const feedbackContract = {
  submitFeedback: operation({
    operationId: 'submitFeedback',
    method: 'post',
    path: '/api/v1/feedback',
    planScoped: true,
    tag: 'Feedback',
    summary: 'Rate an indicator or project (好差评), with an optional comment',
    description:
      'No account. A submission without a token is issued an anonymous voter token (`X-Voter-Token` header and `gp_voter` cookie); send it back to stay the same voter. ' +
      'Such a first submission cannot be retried safely: if it was stored and its answer lost, the token is lost with it, and the retry, again without one, counts as a second voter (nor can it carry an `Idempotency-Key`: 428). ' +
      'The site’s pages therefore set the `gp_voter` cookie when they show the rating form, so the site’s form and script always post with a token. An API client has no such step: it should keep the token from its first answer before sending anything else, and know that repeating a first submission whose answer never came may count it twice. ' +
      'One rating per voter, target and calendar year (China Standard Time): a second one replaces the first and says so. ' +
      'Comments are published only after moderation. No IP address is stored. With a token, send `Idempotency-Key` to retry safely. Body: `application/json`, at most 16 KiB.',
    requestHeaders: [
      VOTER_TOKEN_IN,
      {
        name: 'Idempotency-Key',
        description:
          '1–255 visible ASCII characters: a retry with the same key and body returns the first answer and records nothing twice. Kept per caller, so it needs `X-Voter-Token` (or the voter cookie): without one it is refused (428), since the first answer would carry a voter token minted for that request alone.',
      },
    ],
    body: FeedbackSubmission,
    responses: {
      201: {
        description: 'Recorded.',
        schema: FeedbackResult,
        headers: [
          VOTER_TOKEN_OUT,
          { name: 'Location', description: 'Where the voter can read their ratings back.' },
          {
            name: 'Set-Cookie',
            description:
              '`gp_voter`, HttpOnly, SameSite=Lax, to a submission without a token (a browser on the site has it already, from the page with the form).',
          },
        ],
      },
    },
    problems: [
      'validation-failed',
      'malformed-body',
      'invalid-voter-token',
      'not-found',
      'conflict',
      'payload-too-large',
      'unsupported-media-type',
      'idempotency-key-reused',
      'idempotency-key-needs-caller',
      'too-many-requests',
    ],
    examples: [
      {
        name: 'rate-and-comment',
        summary: 'A rating with a comment',
        body: { targetType: 'indicator', targetId: PM25, rating: 4, comment: '希望公布2024年数据' },
        status: 201,
      },
      {
        name: 'rate-only',
        summary: 'A rating alone, of a project',
        body: { targetType: 'project', targetId: EXAMPLE_PROJECT, rating: 2 },
        status: 201,
      },
      {
        name: 'complaint-with-phone',
        summary: 'A 差评 whose comment has a phone number: the number is masked, and a follow-up case opens',
        body: {
          targetType: 'indicator',
          targetId: PM25,
          rating: 2,
          comment: '冬季数据一直没有更新，请回电 13812345678',
        },
        status: 201,
      },
      {
        name: 'bad-rating',
        summary: 'A level outside 1–5',
        body: { targetType: 'indicator', targetId: GDP, rating: 6 },
        status: 400,
      },
    ],
  }),
  myFeedback: operation({
    operationId: 'myFeedback',
    method: 'get',
    path: '/api/v1/me/feedback',
    planScoped: true,
    tag: 'Feedback',
    summary: 'The caller’s own current ratings and their comments’ moderation status',
    description: 'Identified by `X-Voter-Token` or the `gp_voter` cookie; without either, an empty list. Never cached.',
    query: MeQuery,
    requestHeaders: [VOTER_TOKEN_IN],
    responses: {
      200: {
        description: 'The caller’s ratings.',
        schema: MyFeedback,
        headers: [{ name: 'Cache-Control', description: '`private, no-store`.' }],
      },
    },
    problems: ['validation-failed', 'invalid-voter-token'],
    examples: [
      { name: 'anonymous', summary: 'Without a voter token: nothing to show', status: 200 },
      {
        name: 'one-target',
        summary: 'The caller’s rating of one indicator',
        query: { targetType: 'indicator', targetId: GDP },
        status: 200,
      },
      {
        name: 'half-a-target',
        summary: 'targetType without targetId',
        query: { targetType: 'indicator' },
        status: 400,
      },
    ],
  }),
  comments: byKind(comments),
};
