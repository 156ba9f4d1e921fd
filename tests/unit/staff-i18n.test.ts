import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/auth/roles.js';
import { CASE_STATUSES } from '../../shared/cases/case.js';
import { CommentStatus } from '../../shared/feedback/rating.js';
import { ProjectStatus } from '../../shared/plan/schema.js';
import { staffMessages, type StaffMessages } from '../../web/staff/i18n.js';

/**
 * The staff pages' dictionary is typed like the citizens' (a key missing from a language fails the
 * typecheck); this checks what types cannot: every message says something, in its page's language,
 * for every code the domain can hand it.
 */
const HAN = /\p{Script=Han}/u;

/** Every message, called with stand-in arguments and with every code it can be given. */
function everything(s: StaffMessages): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(s) as Array<[string, unknown]>) {
    if (typeof value === 'string') out.push([key, value]);
  }
  out.push(
    ['signedInAs', s.signedInAs('li.si', 'x')],
    ['forbiddenBody', s.forbiddenBody('x')],
    ['dashboardLeastIntro', s.dashboardLeastIntro(10)],
    ['dashboardLeastNone', s.dashboardLeastNone(10)],
    ['queueCount', s.queueCount(3)],
    ['selectComment', s.selectComment('abc')],
    ['moderated', s.moderated(2, 1)],
    ['importProblems', s.importProblems(2)],
    ['importSummary', s.importSummary(3, 2, 1, true)],
    ...ROLES.map((r): [string, string] => [`role ${r}`, s.role(r)]),
    ...CommentStatus.options.map((c): [string, string] => [`commentStatus ${c}`, s.commentStatus(c)]),
    ...(['new', 'flagged'] as const).map((r): [string, string] => [`queueReason ${r}`, s.queueReason(r)]),
    ...(['publish', 'reject', 'hide'] as const).map((a): [string, string] => [`action ${a}`, s.action(a)]),
    ...(['active', 'due-soon', 'overdue', 'closed'] as const).map((v): [string, string] => [
      `caseView ${v}`,
      s.caseView(v),
    ]),
    ...CASE_STATUSES.map((c): [string, string] => [`caseStatus ${c}`, s.caseStatus(c)]),
    ...CASE_STATUSES.map((c): [string, string] => [`caseStatusMeaning ${c}`, s.caseStatusMeaning(c)]),
    ['caseStatusCitizenSees', s.caseStatusCitizenSees('x')],
    ...(['overdue', 'due-soon', 'on-time', 'awaiting-citizen', 'closed'] as const).map((d): [string, string] => [
      `dueState ${d}`,
      s.dueState(d),
    ]),
    ...(['verify', 'rectify', 'reply', 'close'] as const).map((a): [string, string] => [
      `caseStep ${a}`,
      s.caseStep(a),
    ]),
    ...(['new', 'correction', 'unchanged'] as const).map((o): [string, string] => [`published ${o}`, s.published(o)]),
    ...ProjectStatus.options.map((p): [string, string] => [`projectStatus ${p}`, s.projectStatus(p)]),
  );
  return out;
}

describe('the staff pages’ messages', () => {
  it('say something for every key and every code, in Chinese and in English', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [key, text] of everything(staffMessages(lang))) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(text, `${lang} ${key}`).not.toMatch(/undefined|NaN|\[object/);
      }
    }
  });

  it('has no Chinese in the English dictionary, and nothing left untranslated in the Chinese one', () => {
    const english = new Map(everything(staffMessages('en')));
    for (const [key, text] of english) expect(HAN.test(text), key).toBe(false);
    const untranslated = everything(staffMessages('zh-CN')).filter(
      ([key, text]) => !HAN.test(text) && text === english.get(key),
    );
    expect(untranslated).toEqual([]);
  });
});
