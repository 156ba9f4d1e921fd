import { dictionaryOf } from './i18n-area.js';
import { assessmentMessages } from './i18n-assessment.js';
import { evaluationMessages } from './i18n-evaluation.js';
import { feedbackMessages } from './i18n-feedback.js';
import { methodMessages } from './i18n-method.js';
import { mineMessages } from './i18n-mine.js';
import { plansMessages } from './i18n-plans.js';
import { receiptMessages } from './i18n-receipt.js';
import { revisionsMessages } from './i18n-revisions.js';
import { siteMessages } from './i18n-site.js';
import { targetsMessages } from './i18n-targets.js';
import { verdictsMessages } from './i18n-verdicts.js';

export type { YearSpan } from './i18n-area.js';

/**
 * Every string a citizen sees, in Chinese (the default) and English, gathered from the areas of
 * web/i18n-*.ts. Each area types its `en` by its `zh` (web/i18n-area.ts), so a key missing from
 * either language, or a message function with other parameters, fails the typecheck. Plan data
 * (names, units, boxes) is not here: it comes with the plan, in both languages where the plan has them.
 */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

export const messages = dictionaryOf(
  siteMessages,
  targetsMessages,
  revisionsMessages,
  assessmentMessages,
  feedbackMessages,
  methodMessages,
  mineMessages,
  receiptMessages,
  evaluationMessages,
  plansMessages,
  verdictsMessages,
);

/** The shape every language has: the same keys, the same message parameters. */
export type Messages = ReturnType<typeof messages>;

/** Every message key: the same list for each language (the type says so; the unit test checks the values). */
export const MESSAGE_KEYS = Object.keys(messages(DEFAULT_LANG)) as Array<keyof Messages>;

export const isLang = (value: unknown): value is Lang =>
  typeof value === 'string' && (LANGS as readonly string[]).includes(value);

/**
 * The language of a request: the `lang` cookie if it names one of ours, else the first language of
 * Accept-Language (by q) that we speak, else Chinese.
 */
export function negotiateLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie;
  if (!acceptLanguage) return DEFAULT_LANG;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return DEFAULT_LANG;
}
