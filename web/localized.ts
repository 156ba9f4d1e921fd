import type { Lang } from './i18n.js';

/** Which side of a pair each page language reads. */
const SIDE: Record<Lang, 'zh' | 'en'> = { 'zh-CN': 'zh', en: 'en' };

/** What a page says in its own language, of something given in both: `localized(lang, { zh: '、', en: ', ' })`. */
export const localized = <T>(lang: Lang, pair: { zh: T; en: T }): T => pair[SIDE[lang]];

/**
 * A record's field in the page's language, for the fields the plan and the pages keep in both as
 * `<field>Zh` and `<field>En` (`nameZh`/`nameEn`, `titleZh`/`titleEn`): `inLang(lang, indicator, 'name')`.
 */
export const inLang = <F extends string>(lang: Lang, record: Record<`${F}Zh` | `${F}En`, string>, field: F): string =>
  localized(lang, { zh: record[`${field}Zh`], en: record[`${field}En`] });

/** Between the items of a list in a sentence. */
export const LIST_SEPARATOR: { zh: string; en: string } = { zh: '、', en: ', ' };
