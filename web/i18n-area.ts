import type { Lang } from './i18n.js';

/**
 * The citizen dictionary (web/i18n.ts) is made of areas, one module each: the site's frame, the
 * targets' pages, the status method in words, feedback, the method page, the citizen's own page, the
 * final evaluation, the plans, the two verdicts; the staff dictionary (web/staff/i18n.ts) is made the
 * same way, one area a staff page or job. An area gives its strings in Chinese (the default)
 * and English, and `en` is typed by `zh`: a key missing from either, one too many, or a message
 * function with other parameters fails the typecheck.
 */
export interface Bilingual<Zh> {
  readonly zh: Zh;
  readonly en: Zh;
}

export const bilingual = <Zh extends object>(area: { zh: Zh; en: NoInfer<Zh> }): Bilingual<Zh> => area;

/**
 * The years a sentence speaks of, from the plan shown (its baseline year and the end of its
 * period) or from one indicator (its baseline year and target year): no plan's years are written here.
 */
export interface YearSpan {
  base: number;
  target: number;
}

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Merged<Areas extends readonly Bilingual<object>[]> = Intersection<Areas[number]['zh']>;

/**
 * The areas as one dictionary per language. A key two areas both define would silently lose one
 * of its texts, so it stops the module from loading instead.
 */
export function mergeAreas<Areas extends readonly Bilingual<object>[]>(
  ...areas: Areas
): Bilingual<{ [K in keyof Merged<Areas>]: Merged<Areas>[K] }> {
  const zh: Record<string, unknown> = {};
  const en: Record<string, unknown> = {};
  for (const area of areas) {
    const twice = Object.keys(area.zh).find((key) => key in zh);
    if (twice !== undefined) throw new Error(`the message ${twice} is defined by two areas of the dictionary`);
    Object.assign(zh, area.zh);
    Object.assign(en, area.en);
  }
  return { zh, en } as Bilingual<{ [K in keyof Merged<Areas>]: Merged<Areas>[K] }>;
}

/**
 * The areas as one dictionary, looked up by language: the dictionary of Chinese (the default) or of
 * English. The citizens' dictionary and the staff's are both made so.
 */
export function dictionaryOf<Areas extends readonly Bilingual<object>[]>(...areas: Areas) {
  const { zh, en } = mergeAreas(...areas);
  const byLang: Record<Lang, typeof zh> = { 'zh-CN': zh, en };
  return (lang: Lang) => byLang[lang];
}
