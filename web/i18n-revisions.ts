import type { SystemReason } from '../shared/plan/revision-reason.js';
import { bilingual } from './i18n-area.js';

/**
 * gongping's own reasons for a revision of a value or a progress report (shared/plan/revision-reason.ts),
 * in the page's language; a reason a person typed is shown as typed. One area of web/i18n.ts.
 */
export const revisionsMessages = bilingual({
  zh: {
    systemReason: (code: SystemReason) =>
      ({
        'first-publication': '首次公布',
        'first-report': '首次报告',
        'csv-publication': '首次公布（CSV 导入）',
        'csv-first-report': '首次报告（CSV 导入）',
        'csv-update': 'CSV 导入更新',
      })[code],
  },
  en: {
    systemReason: (code: SystemReason) =>
      ({
        'first-publication': 'First publication',
        'first-report': 'First report',
        'csv-publication': 'First publication (CSV import)',
        'csv-first-report': 'First report (CSV import)',
        'csv-update': 'Updated by CSV import',
      })[code],
  },
});

/** A revision's reason as a page shows it: the system's code in words, a person's words as typed. */
export const reasonInWords = (
  t: { systemReason: (code: SystemReason) => string },
  revision: { reason: string; reasonCode: SystemReason | null },
): string => (revision.reasonCode ? t.systemReason(revision.reasonCode) : revision.reason);
