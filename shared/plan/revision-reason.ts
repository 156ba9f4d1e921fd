import * as z from 'zod/mini';

/**
 * Why a revision of an indicator's value or a project's progress exists, when gongping says it
 * rather than a person: a first value, a first report, a CSV import. Stored as one of these codes
 * in the revision's `reason`, so every page words it in its own language; a reason a person typed
 * is stored and shown as typed.
 */
export const SYSTEM_REASONS = [
  'first-publication',
  'first-report',
  'csv-publication',
  'csv-first-report',
  'csv-update',
] as const;
export const SystemReason = z.enum(SYSTEM_REASONS);
export type SystemReason = z.infer<typeof SystemReason>;

/**
 * Each code in both languages, in one place: the pages' dictionary (web/i18n-revisions.ts) takes
 * its language's words from here, and the bilingual Atom feeds (shared/feeds/atom.ts) both.
 */
export const SYSTEM_REASON_WORDS: Readonly<Record<SystemReason, { zh: string; en: string }>> = {
  'first-publication': { zh: '首次公布', en: 'First publication' },
  'first-report': { zh: '首次报告', en: 'First report' },
  'csv-publication': { zh: '首次公布（CSV 导入）', en: 'First publication (CSV import)' },
  'csv-first-report': { zh: '首次报告（CSV 导入）', en: 'First report (CSV import)' },
  'csv-update': { zh: 'CSV 导入更新', en: 'Updated by CSV import' },
};

/** The English sentences revisions were stored with before the codes, and the code each stands for. */
const LEGACY_SENTENCES: Readonly<Record<string, SystemReason>> = {
  'first publication': 'first-publication',
  'first report': 'first-report',
  'published by CSV import': 'csv-publication',
  'first report (CSV import)': 'csv-first-report',
  'updated by CSV import': 'csv-update',
};

/** The system's reason a stored `reason` holds (its code, or an older revision's English sentence); null for a person's words. */
export function systemReasonOf(reason: string): SystemReason | null {
  const code = SystemReason.safeParse(reason);
  if (code.success) return code.data;
  return Object.hasOwn(LEGACY_SENTENCES, reason) ? LEGACY_SENTENCES[reason]! : null;
}
