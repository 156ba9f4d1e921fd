import { operation } from '../../../api/operation.js';
import { AuditPage, FraudResult } from '../../../api/admin-schemas.js';
import { AuditCsvQuery, AuditQuery, FraudBody } from '../../../api/staff-schemas.js';
import { BODY, ADMIN, csv, FeedbackPath, RATING_ONLY, staff } from '../contract-parts.js';

/** Staff (admin): fraud marks and the audit log. */
export const adminContract = {
  markFraud: operation({
    operationId: 'markFraud',
    method: 'post',
    path: '/api/v1/admin/ratings/{feedbackId}/fraud',
    tag: 'Administration',
    summary: 'Mark a rating as fraudulent, with the documented reason: it stops counting',
    description:
      'The rating is kept (nothing is deleted) and taken out of the counts at the next aggregation. Marking it again changes nothing (200).',
    pathParams: FeedbackPath,
    body: FraudBody,
    security: ADMIN,
    responses: { 201: staff('Marked.', FraudResult), 200: staff('Marked already.', FraudResult) },
    problems: [...BODY, 'not-found', 'conflict'],
    examples: [
      {
        name: 'mark',
        summary: 'Mark a rating',
        params: { feedbackId: RATING_ONLY },
        body: { reason: '示例：同一设备批量提交 · Example: a batch from one device' },
        staff: ['admin'],
        status: 201,
      },
      {
        name: 'monitor',
        summary: 'Only administrators',
        params: { feedbackId: RATING_ONLY },
        body: { reason: '示例：同一设备批量提交' },
        staff: ['monitor'],
        status: 403,
      },
    ],
  }),
  audit: operation({
    operationId: 'audit',
    method: 'get',
    path: '/api/v1/admin/audit',
    tag: 'Administration',
    summary:
      'The audit log, newest first: every staff action and every comment citizens’ flags sent for review, with who, what, when and why',
    query: AuditQuery,
    security: ADMIN,
    responses: { 200: staff('A page of entries.', AuditPage) },
    problems: ['validation-failed', 'invalid-cursor'],
    examples: [
      {
        name: 'case-steps',
        summary: 'The verifications',
        query: { action: 'case.verify' },
        staff: ['admin'],
        status: 200,
      },
    ],
  }),
  auditCsv: operation({
    operationId: 'auditCsv',
    method: 'get',
    path: '/api/v1/admin/audit.csv',
    tag: 'Administration',
    summary: 'The audit log as CSV, oldest first within the range',
    query: AuditCsvQuery,
    security: ADMIN,
    responses: { 200: csv('The entries.') },
    problems: ['validation-failed'],
    examples: [
      {
        name: 'fraud-marks',
        summary: 'The fraud marks',
        query: { action: 'rating.fraud' },
        staff: ['admin'],
        status: 200,
      },
    ],
  }),
};
