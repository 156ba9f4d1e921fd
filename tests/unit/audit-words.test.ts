import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, SubjectType, type AuditEntry } from '../../shared/audit/entry.js';
import { formatDateTime } from '../../web/format.js';
import { FlagReason } from '../../shared/moderation/flags.js';
import { staffMessages } from '../../web/staff/i18n.js';
import { auditDetailRows, auditReasonText } from '../../web/staff/pages/audit-details.js';

/** The audit log in words: every action and subject named in both languages, details as labelled fields. */
const HAN = /\p{Script=Han}/u;
const LANGS = ['zh-CN', 'en'] as const;

const entry = (action: AuditEntry['action'], details: string): AuditEntry => ({
  auditId: 'a1',
  at: '2026-01-01T00:00:00.000Z',
  actor: { kind: 'system', sub: 'system', name: 'gongping', roles: [] },
  action,
  subject: { type: 'case', id: 'c1' },
  reason: null,
  details,
});

describe('the audit log’s words', () => {
  it.each(LANGS)('name every action, subject and known field in %s, each action differently', (lang) => {
    const s = staffMessages(lang);
    const names = AUDIT_ACTIONS.map((action) => s.auditActionName(action));
    const texts = [
      ...names,
      ...SubjectType.options.map((t) => s.auditSubjectType(t)),
      ...FlagReason.options.map((r) => s.auditFlagReason(r)),
      ...Object.values(s.auditFields),
    ];
    for (const text of texts) {
      expect(text.trim()).not.toBe('');
      expect(HAN.test(text), text).toBe(lang === 'zh-CN');
    }
    expect(new Set(names).size).toBe(AUDIT_ACTIONS.length);
    expect(names.some((name) => /^[a-z]+\.[a-z]+$/.test(name))).toBe(false);
  });

  it('label the same fields in both languages', () => {
    expect(Object.keys(staffMessages('en').auditFields).sort()).toEqual(
      Object.keys(staffMessages('zh-CN').auditFields).sort(),
    );
  });

  it('show details as labelled fields: statuses and yes or no in words, lists as lists, unknown keys as they are', () => {
    const ctx = { s: staffMessages('zh-CN'), lang: 'zh-CN' as const };
    expect(
      auditDetailRows(
        ctx,
        entry('case.satisfaction', '{"satisfied":false,"from":"replied","to":"disputed","changes":["a","b"],"x":null}'),
      ),
    ).toEqual([
      { key: 'satisfied', label: '群众满意', value: '否' },
      { key: 'from', label: '原状态', value: '已答复' },
      { key: 'to', label: '新状态', value: '复核中' },
      { key: 'changes', label: '写入的行', value: 'a、b' },
      { key: 'x', label: 'x', value: '—' },
    ]);
    // A status the family does not know, and details that are not an object, stay as they are.
    expect(auditDetailRows(ctx, entry('plan.close', '{"to":"archived"}'))).toEqual([
      { key: 'to', label: '新状态', value: 'archived' },
    ]);
    expect(auditDetailRows(ctx, entry('case.open', '{"dueAt":"2026-12-25T15:59:59.999Z"}'))).toEqual([
      { key: 'dueAt', label: '答复期限', value: formatDateTime('2026-12-25T15:59:59.999Z') },
    ]);
    expect(
      auditDetailRows(ctx, entry('comment.review', '{"lastReason":"off-topic","flags":3,"targetType":"project"}')),
    ).toEqual([
      { key: 'lastReason', label: '最近一次举报理由', value: '与主题无关' },
      { key: 'flags', label: '举报数', value: '3' },
      { key: 'targetType', label: '对象类型', value: '项目' },
    ]);
    expect(auditDetailRows(ctx, entry('case.open', '[1,2]'))).toEqual([]);
    expect(auditDetailRows(ctx, entry('case.open', 'not json'))).toEqual([]);
  });
});

describe('the reasons gongping writes into the audit log', () => {
  const zh = staffMessages('zh-CN');
  const reasonOf = (action: AuditEntry['action'], reason: string | null) =>
    auditReasonText(zh, { ...entry(action, '{}'), reason });

  const flagged = { ...entry('comment.review', '{"flags":4,"threshold":3}'), reason: 'flags-reached-threshold' };
  const swept = { ...entry('case.open', '{}'), reason: 'opened-by-sweep' };

  it('are stored as codes and read in the page’s language: the sweep’s and the flags’, numbers from the details', () => {
    const en = staffMessages('en');
    expect(auditReasonText(zh, swept)).toBe('由补漏任务立案（提交评价时未能立案）');
    expect(auditReasonText(en, swept)).toBe('Opened by the sweep (the case was not opened when the rating was sent)');
    expect(auditReasonText(zh, flagged)).toMatch(/^4 位群众举报（阈值 3）：进入复核/);
    expect(auditReasonText(en, flagged)).toMatch(/^4 citizens flagged it \(threshold 3\): sent for review/);
  });

  it('show an entry written before the codes as stored, in its English sentence', () => {
    const sentence = '3 citizens flagged it (threshold 3): sent for review, still public and marked under review';
    expect(reasonOf('comment.review', sentence)).toBe(sentence);
    expect(reasonOf('case.open', 'opened by the sweep')).toBe('opened by the sweep');
  });

  it('leave a person’s reason as typed, even one that is the system’s code under another action', () => {
    expect(reasonOf('comment.reject', '广告')).toBe('广告');
    expect(reasonOf('comment.hide', 'opened-by-sweep')).toBe('opened-by-sweep');
    expect(reasonOf('case.close', null)).toBe('');
  });
});
