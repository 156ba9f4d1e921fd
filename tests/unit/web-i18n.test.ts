import { describe, expect, it } from 'vitest';
import { SYSTEM_REASONS } from '../../shared/plan/revision-reason.js';
import { CASE_STATUSES, CaseEvent, type DueState } from '../../shared/cases/case.js';
import { CommentStatus } from '../../shared/feedback/rating.js';
import { PII_KINDS } from '../../shared/moderation/pii.js';
import { Attribute, Direction, Measure, ProjectStatus } from '../../shared/plan/schema.js';
import { STATUSES } from '../../shared/plan/views.js';
import { ASSESSMENT_NOTES, ASSESSMENT_REASONS, PROGRESS_METHODS } from '../../shared/progress/assessment.js';
import { REGIONS, type CitizensStanding, type UndeterminedReason } from '../../shared/verdicts/classify.js';
import { VERDICTS } from '../../shared/evaluation/indicators.js';
import { NOT_ASSESSABLE_REASONS } from '../../web/i18n-evaluation.js';
import { LANGS, MESSAGE_KEYS, messages, negotiateLang, type Messages, type YearSpan } from '../../web/i18n.js';

/**
 * The dictionary is typed (a key missing from a language fails the typecheck); these tests check
 * what types cannot: that every value says something, in the right language, for every code the
 * domain can produce.
 */

const HAN = /\p{Script=Han}/u;
const zh = messages('zh-CN');
const en = messages('en');

// Every code the status method, the schema and the feedback rules can hand a page.
const DUE_STATES: DueState[] = ['overdue', 'due-soon', 'on-time', 'awaiting-citizen', 'closed'];
const UNDETERMINED_REASONS: UndeterminedReason[] = [
  'not-assessable',
  'too-few-ratings',
  'straddles-threshold',
  'between-thresholds',
];
const CITIZENS_STANDINGS: CitizensStanding[] = ['satisfied', 'dissatisfied', 'middling', 'straddling', 'too-few'];

/** Years no plan of ours has, so that a year written into a message instead of passed shows. */
const YEARS: YearSpan = { base: 2030, target: 2035 };

/** Every vocabulary message with every value it can be called with. */
const vocabulary = (t: Messages): string[] => [
  ...STATUSES.map((s) => t.statusName(s)),
  ...ASSESSMENT_REASONS.map((r) => t.reason(r, YEARS)),
  ...ASSESSMENT_NOTES.map((n) => t.note(n, YEARS)),
  ...PROGRESS_METHODS.map((m) => t.methodName(m, YEARS)),
  ...Attribute.options.map((a) => t.attributeName(a)),
  ...Direction.options.map((d) => t.directionName(d)),
  ...Measure.options.map((m) => t.measureName(m)),
  ...ProjectStatus.options.map((s) => t.projectStatus(s)),
  ...CommentStatus.options.map((s) => t.commentStatus(s)),
  ...([1, 2, 3, 4, 5] as const).map((level) => t.level(level)),
  ...(['baseline', 'first-observation', 'cumulative-zero'] as const).map((s) => t.baseSource(s)),
  ...CASE_STATUSES.map((s) => t.caseStatus(s)),
  ...CASE_STATUSES.map((s) => t.caseStatusMeaning(s)),
  ...SYSTEM_REASONS.map((r) => t.systemReason(r)),
  ...CaseEvent.shape.action.options.map((a) => t.caseStep(a)),
  ...DUE_STATES.map((s) => t.caseDueState(s)),
  ...(['satisfied', 'unsatisfied'] as const).map((s) => t.caseSatisfaction(s)),
  ...PII_KINDS.map((k) => t.piiKind(k)),
  ...(['published', 'closed'] as const).map((s) => t.planStatusName(s)),
  ...REGIONS.map((r) => t.region(r)),
  ...REGIONS.map((r) => t.regionExplained(r)),
  ...UNDETERMINED_REASONS.map((r) => t.undeterminedReason(r)),
  ...CITIZENS_STANDINGS.map((s) => t.citizensStanding(s)),
  ...VERDICTS.map((v) => t.evaluationVerdict(v)),
  ...NOT_ASSESSABLE_REASONS.map((r) => t.evaluationReason(r)),
  ...VERDICTS.map((v) => t.evaluationStretch(v, 'met')),
  t.evaluationStretch('not_assessable', 'different-quantity'),
];

/** Calls a message with stand-in arguments: numbers for number parameters, a marker string otherwise. */
function sample(t: Messages, key: keyof Messages): string {
  const value = t[key] as unknown;
  if (typeof value === 'string') return value;
  const fn = value as (...args: unknown[]) => unknown;
  const numeric =
    /^(homeIntro|resultCount|boxLabel|indicatorSeq|ratingsCount|rankValue|tooFewToRank|homeLeastIntro|homeLeastNone|homeProjectsSummary|categoryCounts|yoursRevisions|progressValue|methodRanking|sourceRow|sourceFootnote|yoursThisYear|yoursEarlier|valueInYear|mineCasesIntro)/;
  const args = Array.from({ length: fn.length }, (_, i) => {
    if (key === 'growthCheck') return ['7', '8.5', true][i];
    if (key === 'growthValue') return ['7', true][i];
    if (key === 'sourceRow' || key === 'sourceFootnote') return ['box', 3][i];
    if (key === 'yoursThisYear' || key === 'yoursEarlier') return [2026, 'x'][i];
    if (key === 'valueInYear') return ['1', 2025][i];
    if (key === 'caseDue' || key === 'caseOverdue') return ['2025-07-07', 3][i];
    if (/^methodStatusP\d$/.test(key)) return YEARS;
    return numeric.test(key) ? 12 : 'x';
  });
  const text = fn(...args);
  if (typeof text !== 'string') throw new Error(`${key} does not return text`);
  return text;
}

const VOCABULARY_KEYS = new Set<keyof Messages>([
  'statusName',
  'reason',
  'note',
  'methodName',
  'attributeName',
  'directionName',
  'measureName',
  'projectStatus',
  'commentStatus',
  'level',
  'baseSource',
  'caseStatus',
  'caseStatusMeaning',
  'systemReason',
  'caseStep',
  'caseDueState',
  'caseSatisfaction',
  'piiKind',
  'planStatusName',
  'region',
  'regionExplained',
  'undeterminedReason',
  'citizensStanding',
  'evaluationVerdict',
  'evaluationReason',
  'evaluationStretch',
]);
/** The switch to the other language is written in that language, on purpose. */
const WRITTEN_IN_THE_OTHER_LANGUAGE = new Set<keyof Messages>(['otherLanguage', 'otherLanguageLabel']);

describe('the web dictionary', () => {
  it('has the same keys in every language, with the same message parameters', () => {
    for (const lang of LANGS) {
      const t = messages(lang);
      expect(Object.keys(t).sort()).toEqual([...MESSAGE_KEYS].sort());
      for (const key of MESSAGE_KEYS) {
        expect(typeof t[key], `${lang} ${key}`).toBe(typeof zh[key]);
        if (typeof t[key] === 'function')
          expect((t[key] as () => string).length, `${lang} ${key} parameters`).toBe((zh[key] as () => string).length);
      }
    }
  });

  it('writes no plan’s year into any message: the years come from the plan shown', () => {
    for (const lang of LANGS) {
      const t = messages(lang);
      for (const key of MESSAGE_KEYS) expect(String(t[key]), `${lang} ${key}`).not.toMatch(/(?<![\d-])20[12]\d(?!\d)/);
    }
  });

  it('says something for every key: no empty message, no placeholder left unfilled', () => {
    for (const lang of LANGS) {
      const t = messages(lang);
      for (const key of MESSAGE_KEYS) {
        if (VOCABULARY_KEYS.has(key)) continue;
        const text = sample(t, key);
        expect(text.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
        expect(text, `${lang} ${key}`).not.toMatch(/undefined|NaN|\$\{|\[object/);
      }
      for (const text of vocabulary(t)) expect(typeof text === 'string' && text.trim().length > 0).toBe(true);
    }
  });

  it('writes English in English and Chinese in Chinese', () => {
    for (const key of MESSAGE_KEYS) {
      if (VOCABULARY_KEYS.has(key)) continue;
      if (WRITTEN_IN_THE_OTHER_LANGUAGE.has(key)) {
        expect(HAN.test(sample(en, key)), key).toBe(true);
        continue;
      }
      expect(HAN.test(sample(en, key)), `en ${key}: ${sample(en, key)}`).toBe(false);
    }
    for (const text of vocabulary(en)) expect(HAN.test(text), text).toBe(false);
    // Chinese pages are Chinese: every message (bar the language switch and the brand) has Chinese in it.
    const latinOnly = MESSAGE_KEYS.filter(
      (key) => !VOCABULARY_KEYS.has(key) && !WRITTEN_IN_THE_OTHER_LANGUAGE.has(key) && !HAN.test(sample(zh, key)),
    );
    expect(
      latinOnly.filter((key) => !['meanScore', 'progressValue', 'colCount', 'listSeparator'].includes(key)),
    ).toEqual([]);
    for (const text of vocabulary(zh)) expect(HAN.test(text), text).toBe(true);
  });

  it('names the five 好差评 levels as the standard does', () => {
    expect(([5, 4, 3, 2, 1] as const).map((level) => zh.level(level))).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    expect(new Set(([5, 4, 3, 2, 1] as const).map((level) => en.level(level))).size).toBe(5);
  });
});

describe('choosing the language', () => {
  it('is Chinese by default', () => {
    expect(negotiateLang(undefined, undefined)).toBe('zh-CN');
    expect(negotiateLang(undefined, 'fr-FR,de;q=0.8')).toBe('zh-CN');
    expect(negotiateLang('klingon', undefined)).toBe('zh-CN');
  });

  it('follows Accept-Language by preference order and q values', () => {
    expect(negotiateLang(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(negotiateLang(undefined, 'zh-TW,en;q=0.8')).toBe('zh-CN');
    expect(negotiateLang(undefined, 'fr;q=0.9,en;q=0.8,zh;q=0.7')).toBe('en');
    expect(negotiateLang(undefined, 'zh;q=0.5,en;q=0.9')).toBe('en');
    expect(negotiateLang(undefined, 'en;q=0,zh-CN')).toBe('zh-CN');
  });

  it('lets the lang cookie, set by the switch, win over the browser', () => {
    expect(negotiateLang('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(negotiateLang('zh-CN', 'en-US')).toBe('zh-CN');
  });
});
