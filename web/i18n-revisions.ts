import { SYSTEM_REASON_WORDS, type SystemReason } from '../shared/plan/revision-reason.js';
import { bilingual } from './i18n-area.js';

/**
 * gongping's own reasons for a revision of a value or a progress report, in the page's language
 * (their words are kept beside the codes in shared/plan/revision-reason.ts, which the bilingual
 * feeds read too); a reason a person typed is shown as typed. One area of web/i18n.ts.
 */
export const revisionsMessages = bilingual({
  zh: { systemReason: (code: SystemReason) => SYSTEM_REASON_WORDS[code].zh },
  en: { systemReason: (code: SystemReason) => SYSTEM_REASON_WORDS[code].en },
});

/** A revision's reason as a page shows it: the system's code in words, a person's words as typed. */
export const reasonInWords = (
  t: { systemReason: (code: SystemReason) => string },
  revision: { reason: string; reasonCode: SystemReason | null },
): string => (revision.reasonCode ? t.systemReason(revision.reasonCode) : revision.reason);
