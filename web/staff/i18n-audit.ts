import { bilingual } from '../i18n-area.js';

/** The audit log and its filters. */
export const staffAuditMessages = bilingual({
  zh: {
    auditTitle: '审计日志',
    auditIntro: '每一次审核、回复、案件操作和数据发布都记录在此：谁、何时、做了什么、为什么。记录只增不改。',
    auditAction: '操作类型',
    auditActor: '操作人（sub）',
    auditSince: '起（UTC，ISO 时间）',
    auditUntil: '止（UTC，ISO 时间）',
    auditEmpty: '没有符合条件的记录。',
    colSubject: '对象',
    colReason: '理由',
    colDetails: '详情',
  },
  en: {
    auditTitle: 'Audit log',
    auditIntro:
      'Every moderation, reply, case step and publication is recorded here: who, when, what and why. Entries are only ever added.',
    auditAction: 'Action',
    auditActor: 'Staff member (sub)',
    auditSince: 'From (UTC, ISO time)',
    auditUntil: 'Until (UTC, ISO time)',
    auditEmpty: 'No entries match.',
    colSubject: 'Subject',
    colReason: 'Reason',
    colDetails: 'Details',
  },
});
