import {
  BulkModerationResult,
  CaseDetail,
  CasePage,
  CommentQueue,
  ModerationResult,
  ReconcileResult,
  ReplyResult,
  StaffCase,
  StaffMe,
} from '../../../api/monitor-schemas.js';
import { NoQuery } from '../../../api/schemas.js';
import * as requests from '../../../api/staff-schemas.js';
import {
  CASE,
  CasePath,
  COMMENTED,
  csv,
  FeedbackPath,
  PENDING_A,
  PENDING_B,
  MONITOR,
  staff,
  UNKNOWN,
} from '../contract-parts.js';
import { staffOperations } from '../staff-operation.js';

const monitorOperation = staffOperations('monitor', MONITOR);

/** Staff (monitor): moderation, official replies and the 差评 cases. */
export const monitorContract = {
  staffMe: monitorOperation({
    operationId: 'staffMe',
    method: 'get',
    path: '/me',
    tag: 'Moderation',
    summary: 'Who the token says the caller is: subject, name, roles, token use',
    responses: { 200: staff('The signed-in staff member.', StaffMe) },
    examples: [
      { name: 'monitor', summary: 'A monitor’s token', status: 200 },
      { name: 'no-token', summary: 'Without a token', staff: null, status: 401 },
      { name: 'wrong-role', summary: 'A publisher’s token', staff: ['publisher'], status: 403 },
    ],
  }),
  moderationQueue: monitorOperation({
    operationId: 'moderationQueue',
    method: 'get',
    path: '/comments',
    tag: 'Moderation',
    summary:
      'The moderation queue (pending comments and published ones flagged for review, oldest first), or the rejected, hidden or published comments',
    description:
      'What a moderator needs: the masked text, why it is queued (`new`, or `flagged`: published, and sent for review by citizens’ flags; it stays public, marked under review, until kept or hidden), how many flagged it, what was masked. Never the voter.',
    query: requests.CommentQueueQuery,
    planScoped: true,
    responses: { 200: staff('A page of comments.', CommentQueue) },
    problems: ['invalid-cursor'],
    examples: [
      { name: 'pending', summary: 'The queue', query: { status: 'pending', limit: '10' }, status: 200 },
      {
        name: 'published-without-target',
        summary: 'Published comments are listed per target',
        query: { status: 'published' },
        status: 400,
      },
    ],
  }),
  moderateComments: monitorOperation({
    operationId: 'moderateComments',
    method: 'post',
    path: '/comments/moderation',
    tag: 'Moderation',
    summary: 'Moderate up to 100 comments at once',
    description:
      'Each item is applied or reported on its own: 200 when all were applied, 207 when some failed (not found, or moderated meanwhile). Every decision is attributed in the audit log.',
    body: requests.BulkModerationBody,
    responses: {
      200: staff('All applied.', BulkModerationResult),
      207: staff('Some failed; each result says.', BulkModerationResult),
    },
    examples: [
      {
        name: 'publish',
        summary: 'Publish a pending comment',
        body: { items: [{ feedbackId: PENDING_A, action: 'publish' }] },
        status: 200,
      },
      {
        name: 'partly',
        summary: 'One applied, one unknown',
        body: {
          items: [
            { feedbackId: PENDING_A, action: 'publish' },
            { feedbackId: UNKNOWN, action: 'publish' },
          ],
        },
        status: 207,
      },
    ],
  }),
  moderateComment: monitorOperation({
    operationId: 'moderateComment',
    method: 'post',
    path: '/comments/{feedbackId}/moderation',
    tag: 'Moderation',
    summary: 'Publish (or keep), reject or hide one comment',
    description:
      'Publishing a published comment under review keeps it: the mark goes, its flags start again from zero, it leaves the queue (`from` and `to` both `published`, `changed: true`). Publishing a comment already published and not under review changes nothing (`changed: false`); a step its status does not allow is 409.',
    pathParams: FeedbackPath,
    body: requests.ModerationBody,
    responses: { 200: staff('Done.', ModerationResult) },
    problems: ['invalid-state'],
    examples: [
      {
        name: 'reject',
        summary: 'Reject a pending comment, with the reason',
        params: { feedbackId: PENDING_B },
        body: { action: 'reject', reason: '与指标无关 · not about the indicator' },
        status: 200,
      },
      {
        name: 'hide-without-reason',
        summary: 'Hiding needs a reason',
        params: { feedbackId: PENDING_A },
        body: { action: 'hide' },
        status: 400,
      },
      {
        name: 'reject-published',
        summary: 'A published comment can be hidden, not rejected',
        params: { feedbackId: PENDING_A },
        body: { action: 'reject', reason: '示例 · example' },
        status: 409,
      },
    ],
  }),
  replyToComment: monitorOperation({
    operationId: 'replyToComment',
    method: 'post',
    path: '/comments/{feedbackId}/replies',
    tag: 'Moderation',
    summary: 'Attach an official reply of a department to a comment',
    description:
      'Shown under the comment on the public page (and in the target’s feed) while the comment is published; in the name of the department (`departmentId`, from `GET /monitor/departments`), never of a person. For a comment that opened a 差评 case this is the case’s reply step (`POST /monitor/cases/{caseId}/steps` with `action: reply`, `caseId` in the answer): the case’s state must allow it (409 otherwise), and it is audited once, as `case.reply`. A comment without a case gets an official reply of its own (`comment.reply`). An unknown or deactivated department is 400.',
    pathParams: FeedbackPath,
    body: requests.ReplyBody,
    responses: { 201: staff('The reply.', ReplyResult) },
    problems: ['invalid-state'],
    examples: [
      {
        name: 'reply',
        summary: 'A reply to a published comment',
        params: { feedbackId: COMMENTED },
        body: {
          departmentId: 'licheng-stats',
          text: '感谢建议。自2027年起，年度数值将同时公布增速。（示例回复 · example reply）',
        },
        status: 201,
      },
      {
        name: 'unknown',
        summary: 'A comment that does not exist',
        params: { feedbackId: UNKNOWN },
        body: { departmentId: 'licheng-stats', text: '示例 · example' },
        status: 404,
      },
    ],
  }),
  cases: monitorOperation({
    operationId: 'cases',
    method: 'get',
    path: '/cases',
    tag: 'Cases',
    summary: 'The 差评 cases: unfinished ones by deadline, overdue, due soon, or closed',
    description:
      'A 差评 (rating 1 or 2) with a comment opens a case, due in `CASE_DEADLINE_DAYS` working days (official holidays and 调休 counted).',
    query: requests.CasesQuery,
    planScoped: true,
    responses: { 200: staff('A page of cases.', CasePage) },
    problems: ['invalid-cursor'],
    examples: [
      { name: 'active', summary: 'Unfinished cases, soonest deadline first', query: { view: 'active' }, status: 200 },
    ],
  }),
  case: monitorOperation({
    operationId: 'case',
    method: 'get',
    path: '/cases/{caseId}',
    tag: 'Cases',
    summary: 'One case with its comment, the replies and its audit trail',
    pathParams: CasePath,
    responses: { 200: staff('The case.', CaseDetail) },
    examples: [
      { name: 'case', summary: 'A case just opened', params: { caseId: CASE }, status: 200 },
      { name: 'unknown', summary: 'A case that does not exist', params: { caseId: UNKNOWN }, status: 404 },
    ],
  }),
  reconcileCases: monitorOperation({
    operationId: 'reconcileCases',
    method: 'post',
    path: '/cases/reconcile',
    tag: 'Cases',
    summary: 'Open the cases missing for 差评 recorded in a time range',
    description:
      'A case is opened when the 差评 is recorded; should that have failed, this finds the 差评 without a case and opens it. Safe to repeat.',
    body: requests.ReconcileBody,
    responses: { 200: staff('What was checked and opened.', ReconcileResult) },
    examples: [
      { name: 'november', summary: 'Since 1 November 2026', body: { since: '2026-11-01T00:00:00Z' }, status: 200 },
    ],
  }),
  stepCase: monitorOperation({
    operationId: 'stepCase',
    method: 'post',
    path: '/cases/{caseId}/steps',
    tag: 'Cases',
    summary: 'Take a step: verify, rectify, reply, close, or assign to a department',
    description:
      'A reply is also published as the department’s official reply to the comment, and the citizen can rate it. A step the status does not allow is 409. Every step is kept, with who took it.',
    pathParams: CasePath,
    body: requests.StepBody,
    responses: { 200: staff('The case after the step.', StaffCase) },
    problems: ['invalid-state', 'conflict'],
    examples: [
      {
        name: 'verify',
        summary: 'Verify (核实), assigning the department',
        params: { caseId: CASE },
        body: { action: 'verify', departmentId: 'licheng-stats' },
        status: 200,
      },
      {
        name: 'reply',
        summary: 'Reply (答复) after verification',
        params: { caseId: CASE },
        body: {
          action: 'reply',
          departmentId: 'licheng-stats',
          text: '2022年数值更正系依据第五次全国经济普查修订，更正说明已在指标页补充。（示例回复 · example reply）',
        },
        status: 200,
      },
      {
        name: 'rectify-after-reply',
        summary: 'Rectification after the reply is not allowed',
        params: { caseId: CASE },
        body: { action: 'rectify', note: '示例 · example' },
        status: 409,
      },
    ],
  }),
  casesCsv: monitorOperation({
    operationId: 'casesCsv',
    method: 'get',
    path: '/export/cases.csv',
    tag: 'Cases',
    summary: 'Every case of the plan as CSV, with its deadlines and answer times',
    query: NoQuery,
    planScoped: true,
    responses: { 200: csv('The cases.') },
    examples: [{ name: 'download', summary: 'The cases', status: 200 }],
  }),
};
