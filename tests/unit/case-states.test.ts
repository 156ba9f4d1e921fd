import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../shared/cases/case.js';
import { CaseStatesHelp } from '../../web/components/case-states.js';
import { messages, type Lang } from '../../web/i18n.js';
import { staffMessages } from '../../web/staff/i18n.js';

/**
 * One vocabulary of case states: each state is worded for the citizen (/me) and for staff from the
 * same key, the citizen's wording names the state as staff do, and the help on both sides and the
 * docs' table explain every state.
 */
const LANGS: Lang[] = ['zh-CN', 'en'];
const HAN = /\p{Script=Han}/u;

describe('the states of a 差评 case', () => {
  it.each(LANGS)('are worded and explained for citizens and staff in %s', (lang) => {
    const citizen = messages(lang);
    const staff = staffMessages(lang);
    for (const status of CASE_STATUSES) {
      const texts = [
        citizen.caseStatus(status),
        citizen.caseStatusMeaning(status),
        staff.caseStatus(status),
        staff.caseStatusMeaning(status),
      ];
      for (const text of texts) {
        expect(text.trim(), status).not.toBe('');
        expect(HAN.test(text), `${status}: ${text}`).toBe(lang === 'zh-CN');
      }
      // The citizen's wording contains the staff's name of the state: both sides say the same thing.
      expect(citizen.caseStatus(status).toLowerCase()).toContain(staff.caseStatus(status).toLowerCase());
    }
    // No two states share a name.
    expect(new Set(CASE_STATUSES.map(staff.caseStatus)).size).toBe(CASE_STATUSES.length);
  });

  it('are all listed, in order, by the help that explains them', async () => {
    const t = messages('zh-CN');
    // A component's element, awaited, prints as the HTML the page carries.
    const html = String(
      await CaseStatesHelp({ summary: t.caseStatesSummary, name: t.caseStatus, meaning: t.caseStatusMeaning }),
    );
    expect(html).toMatch(/^<details class="case-states" id="case-states"><summary>这些状态是什么意思？<\/summary>/);
    expect([...html.matchAll(/data-status="([^"]+)"/g)].map((m) => m[1])).toEqual([...CASE_STATUSES]);
    for (const status of CASE_STATUSES) expect(html).toContain(`<dd>${t.caseStatusMeaning(status)}</dd>`);
  });

  it('are all in the docs’ table, with the words the pages use', () => {
    const doc = readFileSync('docs/staff.md', 'utf8');
    const zh = staffMessages('zh-CN');
    const en = messages('en');
    for (const status of CASE_STATUSES) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${status}\` |`));
      expect(row, status).toBeDefined();
      expect(row).toContain(zh.caseStatus(status));
      expect(row).toContain(messages('zh-CN').caseStatus(status));
      expect(row).toContain(en.caseStatus(status));
    }
  });
});
