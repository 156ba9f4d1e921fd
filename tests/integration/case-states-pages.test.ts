import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../shared/cases/case.js';
import { messages } from '../../web/i18n.js';
import { staffMessages } from '../../web/staff/i18n.js';
import { json } from '../helpers/api.js';
import { SITE, useStaffPages } from '../helpers/staff-pages.js';

/**
 * The citizen's /me and the staff case pages, on dynalite, name a case's state from the same
 * vocabulary and explain every state in a "what do these states mean" disclosure.
 */
const pages = useStaffPages();

/** A 差评 with a comment from a fresh voter: the voter's token (their cookie) and the case it opened. */
async function lowRating() {
  const token = pages.deps.voterTokens.issue().token;
  const res = await pages.app.request(
    '/api/v1/feedback',
    json({ targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '数据公布太慢' }, { 'X-Voter-Token': token }),
  );
  expect(res.status).toBe(201);
  return { token, caseId: ((await res.json()) as { feedbackId: string }).feedbackId };
}

const help = (html: string) =>
  /<details class="case-states" id="case-states">[\s\S]*?<\/details>/.exec(html)?.[0] ?? '';

describe('the states of a case on the pages', () => {
  it('are explained on /me, where a new case reads as received and awaiting verification, in both languages', async () => {
    const { token } = await lowRating();
    for (const [lang, t] of [
      ['zh-CN', messages('zh-CN')],
      ['en', messages('en')],
    ] as const) {
      const res = await pages.app.request(`${SITE}/me`, { headers: { Cookie: `gp_voter=${token}; lang=${lang}` } });
      const html = await res.text();
      expect(html).toContain(`>${t.caseStatus('open')}</span>`);
      const shown = help(html);
      expect(shown).toContain(`<summary>${t.caseStatesSummary}</summary>`);
      for (const status of CASE_STATUSES) {
        expect(shown).toContain(`<dt>${t.caseStatus(status)}</dt>`);
        expect(shown).toContain(t.caseStatusMeaning(status));
      }
    }
    expect(messages('zh-CN').caseStatus('open')).toBe('已受理，待核实');
  });

  it('are explained on the staff case list and case page, each with the citizen’s wording of the same state', async () => {
    const { caseId } = await lowRating();
    const monitor = await pages.session(['monitor'], 'li.si');
    for (const lang of ['zh-CN', 'en'] as const) {
      const s = staffMessages(lang);
      const citizen = messages(lang);
      for (const path of ['/staff/cases', `/staff/cases/${caseId}`]) {
        const { status, html } = await pages.get(path, monitor, lang);
        expect(status, path).toBe(200);
        const shown = help(html);
        expect(shown, path).toContain(`<summary>${s.caseStatesSummary}</summary>`);
        for (const state of CASE_STATUSES) {
          expect(shown).toContain(`<dt>${s.caseStatus(state)}</dt>`);
          expect(shown).toContain(s.caseStatusCitizenSees(citizen.caseStatus(state)));
        }
      }
      const page = await pages.get(`/staff/cases/${caseId}`, monitor, lang);
      expect(page.html).toContain(`<dd id="case-status">${s.caseStatus('open')}</dd>`);
      // Who opened it, in the page's words rather than the stored `system`.
      expect(page.html).toContain(`<td>${s.auditActorKind('system')}</td>`);
    }
    expect(staffMessages('zh-CN').caseStatus('open')).toBe('待核实');
  });
});
