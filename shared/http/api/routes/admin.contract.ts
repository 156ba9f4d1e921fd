import { AuditPage, FraudResult } from '../../../api/admin-schemas.js';
import { AuditCsvQuery, AuditQuery, FraudBody } from '../../../api/staff-schemas.js';
import { ADMIN, csv, FeedbackPath, RATING_ONLY, staff } from '../contract-parts.js';
import { staffOperations } from '../staff-operation.js';

const adminOperation = staffOperations('admin', ADMIN);

/** Staff (admin): fraud marks and the audit log. */
export const adminContract = {
  markFraud: adminOperation({
    operationId: 'markFraud',
    method: 'post',
    path: '/ratings/{feedbackId}/fraud',
    tag: 'Administration',
    summary: 'Mark a rating as fraudulent, with the documented reason: it stops counting',
    description:
      'The rating is kept (nothing is deleted) and taken out of the counts at the next aggregation. Marking it again changes nothing (200).',
    pathParams: FeedbackPath,
    body: FraudBody,
    responses: { 201: staff('Marked.', FraudResult), 200: staff('Marked already.', FraudResult) },
    problems: ['conflict'],
    examples: [
      {
        name: 'mark',
        summary: 'Mark a rating',
        params: { feedbackId: RATING_ONLY },
        body: { reason: '示例：同一设备批量提交 · Example: a batch from one device' },
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
  audit: adminOperation({
    operationId: 'audit',
    method: 'get',
    path: '/audit',
    tag: 'Administration',
    summary:
      'The audit log, newest first: every staff action and every comment citizens’ flags sent for review, with who, what, when and why',
    query: AuditQuery,
    responses: { 200: staff('A page of entries.', AuditPage) },
    problems: ['invalid-cursor'],
    examples: [{ name: 'case-steps', summary: 'The verifications', query: { action: 'case.verify' }, status: 200 }],
  }),
  auditCsv: adminOperation({
    operationId: 'auditCsv',
    method: 'get',
    path: '/audit.csv',
    tag: 'Administration',
    summary: 'The audit log as CSV, oldest first within the range',
    query: AuditCsvQuery,
    responses: { 200: csv('The entries.') },
    examples: [{ name: 'fraud-marks', summary: 'The fraud marks', query: { action: 'rating.fraud' }, status: 200 }],
  }),
};
