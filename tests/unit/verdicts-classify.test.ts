import { describe, expect, it } from 'vitest';
import {
  citizensStanding,
  classify,
  DEFAULT_VERDICT_THRESHOLDS,
  indicatorStanding,
  projectStanding,
  type OfficialStanding,
} from '../../shared/verdicts/classify.js';
import { wilsonInterval, type Proportion } from '../../shared/ratings/statistics.js';
import type { ProgressStatus } from '../../shared/progress/assessment.js';
import type { ProjectStatus } from '../../shared/plan/schema.js';

const thresholds = DEFAULT_VERDICT_THRESHOLDS; // low 0.5, high 0.7
const MIN = 10;

/** `satisfied` of `count` ratings, with the interval the aggregation publishes. */
const rated = (satisfied: number, count: number) => ({ count, satisfaction: wilsonInterval(satisfied, count) });
/** An interval given directly, for the boundaries. */
const interval = (lower: number, upper: number, count = 100) => ({
  count,
  satisfaction: { share: (lower + upper) / 2, lower, upper } satisfies Proportion,
});

describe('the regions, one official side against one citizens’ verdict', () => {
  type Summary = { count: number; satisfaction: Proportion | null };
  const decided: Array<[string, OfficialStanding, Summary, string]> = [
    ['on track, 95 of 100 satisfied: agree-good', 'good', rated(95, 100), 'agree-good'],
    ['on track, 20 of 100 satisfied: paper-progress', 'good', rated(20, 100), 'paper-progress'],
    ['behind, 95 of 100 satisfied: quiet-success', 'behind', rated(95, 100), 'quiet-success'],
    ['behind, 20 of 100 satisfied: agree-bad', 'behind', rated(20, 100), 'agree-bad'],
    ['10 of 10 satisfied is enough: the interval’s lower end is 0.72', 'good', rated(10, 10), 'agree-good'],
    ['0 of 10 satisfied is enough: the upper end is 0.28', 'behind', rated(0, 10), 'agree-bad'],
  ];
  it.each(decided)('%s', (_name, official, summary, region) => {
    expect(classify(official, citizensStanding(summary, MIN, thresholds))).toEqual({ region, reason: null });
  });

  /** Undetermined, and why. */
  const undetermined: Array<[string, OfficialStanding, Summary, string]> = [
    ['9 of 10 satisfied is not: the interval reaches down to 0.60', 'good', rated(9, 10), 'straddles-threshold'],
    ['3 of 3 satisfied is too few to say anything', 'good', rated(3, 3), 'too-few-ratings'],
    ['9 ratings, one fewer than the minimum, all dissatisfied', 'good', rated(0, 9), 'too-few-ratings'],
    ['no ratings at all', 'behind', { count: 0, satisfaction: null }, 'too-few-ratings'],
    ['not assessable officially, whatever citizens say', 'not-assessable', rated(100, 100), 'not-assessable'],
    [
      'not assessable with too few ratings: the official side is named',
      'not-assessable',
      rated(1, 2),
      'not-assessable',
    ],
    ['60 of 100: the interval 0.50–0.69 lies between the thresholds', 'good', rated(60, 100), 'between-thresholds'],
    ['an interval across the low threshold', 'good', interval(0.4, 0.6), 'straddles-threshold'],
    ['an interval across the high threshold', 'behind', interval(0.6, 0.8), 'straddles-threshold'],
    ['an interval across both thresholds', 'behind', interval(0.3, 0.9), 'straddles-threshold'],
  ];
  it.each(undetermined)('%s', (_name, official, summary, reason) => {
    expect(classify(official, citizensStanding(summary, MIN, thresholds))).toEqual({ region: 'undetermined', reason });
  });
});

describe('the boundaries: a bound exactly on a threshold belongs to the better side', () => {
  it.each([
    ['lower end exactly at high: satisfied', interval(0.7, 0.9), 'satisfied'],
    ['lower end just under high: straddling', interval(0.6999, 0.9), 'straddling'],
    ['upper end just under low: dissatisfied', interval(0.2, 0.4999), 'dissatisfied'],
    ['upper end exactly at low: not dissatisfied', interval(0.2, 0.5), 'straddling'],
    ['between, lower end exactly at low: middling', interval(0.5, 0.6999), 'middling'],
    ['between, upper end exactly at high: straddling', interval(0.55, 0.7), 'straddling'],
    ['exactly the minimum number of ratings counts', interval(0.8, 0.9, MIN), 'satisfied'],
    ['one fewer does not', interval(0.8, 0.9, MIN - 1), 'too-few'],
  ] as const)('%s', (_name, summary, standing) => {
    expect(citizensStanding(summary, MIN, thresholds)).toBe(standing);
  });

  it('follows configured thresholds, not the defaults', () => {
    const strict = { low: 0.3, high: 0.9 };
    expect(citizensStanding(rated(98, 100), MIN, strict)).toBe('satisfied');
    expect(citizensStanding(rated(90, 100), MIN, strict)).toBe('straddling');
    expect(citizensStanding(rated(20, 100), MIN, strict)).toBe('dissatisfied');
    expect(citizensStanding(rated(40, 100), MIN, strict)).toBe('middling');
    expect(citizensStanding(rated(35, 100), MIN, strict)).toBe('straddling');
  });
});

describe('the official side', () => {
  it.each([
    ['achieved', 'good'],
    ['on_track', 'good'],
    ['needs_acceleration', 'behind'],
    ['limited_progress', 'behind'],
    ['deteriorating', 'behind'],
    ['not_assessable', 'not-assessable'],
  ] as const)('an indicator %s is %s', (status: ProgressStatus, standing) => {
    expect(indicatorStanding(status)).toBe(standing);
  });

  it.each([
    ['completed', 'good'],
    ['in_progress', 'good'],
    ['not_started', 'behind'],
    ['unknown', 'not-assessable'],
  ] as const)('a project reported %s is %s', (status: ProjectStatus, standing) => {
    expect(projectStanding(status)).toBe(standing);
  });
});
