import type { CaseStep } from '../../../shared/cases/case.js';
import type { Rating } from '../../../shared/feedback/rating.js';
import { ratingYear } from '../../../shared/feedback/rating.js';
import type { TargetType } from '../../../shared/feedback/target.js';
import type { FlagReason } from '../../../shared/moderation/flags.js';
import type { ProgressStatus } from '../../../shared/progress/assessment.js';
import { commentText, department, FLAG_REASONS, HIDE_REASONS, REJECT_REASONS, replyText } from './comments.js';
import type { Random } from './random.js';

/**
 * The demo's ratings: who rated what, when, how, what they wrote, what the monitors did with the
 * comment, and how each 差评 case went. Satisfaction is steered per target, so that indicators land
 * in every region of the two verdicts side by side (issue 17): official status against the
 * citizens' satisfied share (4 and 5), whose 95% Wilson interval must sit clear of the thresholds.
 */

export const REGIONS = ['agree-good', 'paper-progress', 'quiet-success', 'agree-bad', 'undetermined'] as const;
export type Region = (typeof REGIONS)[number];

/** The satisfied share each region is given: far enough from 0.5 and 0.7 that ~50 ratings classify it. */
export const SATISFIED_SHARE: Record<Region, number> = {
  'agree-good': 0.9,
  'quiet-success': 0.9,
  'paper-progress': 0.2,
  'agree-bad': 0.2,
  undetermined: 0.6,
};

const ON_PAPER_GOOD: readonly ProgressStatus[] = ['achieved', 'on_track'];

/**
 * Indicators on track take turns, two by two, agreeing (well rated) and disagreeing (paper progress); those
 * behind take turns agreeing (poorly rated) and disagreeing (quiet success); an indicator without a
 * status stays undetermined.
 */
export function regionsFor(
  statuses: ReadonlyArray<{ indicatorId: string; status: ProgressStatus }>,
): Map<string, Region> {
  let good = 0;
  let behind = 0;
  return new Map(
    statuses.map(({ indicatorId, status }): [string, Region] => {
      if (status === 'not_assessable') return [indicatorId, 'undetermined'];
      // In pairs, so that achieved and on-track indicators (which alternate) both fall on each side.
      if (ON_PAPER_GOOD.includes(status))
        return [indicatorId, Math.floor(good++ / 2) % 2 === 0 ? 'agree-good' : 'paper-progress'];
      return [indicatorId, behind++ % 2 === 0 ? 'agree-bad' : 'quiet-success'];
    }),
  );
}

export interface RatedTarget {
  planId: string;
  targetType: TargetType;
  targetId: string;
  name: string;
  /** The share of 4 and 5 among its ratings, exactly (rounded to whole ratings). */
  satisfiedShare: number;
  /** Its share of all ratings. */
  weight: number;
}

export type DemoCaseStep =
  | { by: 'monitor'; at: string; step: Exclude<CaseStep, { action: 'satisfied' | 'unsatisfied' }> }
  | { by: 'citizen'; at: string; satisfied: boolean; note?: string };

/** How a 差评 case went: answered by its deadline or after it, or left past its deadline (worked on or not). */
export const CASE_OUTCOMES = ['replied-on-time', 'replied-late', 'overdue-verifying', 'overdue-untouched'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export interface DemoCase {
  outcome: CaseOutcome;
  steps: DemoCaseStep[];
  /** After a reply that satisfied them, the citizen rates again (基本满意), replacing the 差评. */
  rerating: { feedbackId: string; rating: 3; at: string } | null;
}

export interface DemoRating {
  feedbackId: string;
  voterId: string;
  planId: string;
  targetType: TargetType;
  targetId: string;
  at: string;
  rating: Rating;
  comment: string | null;
  /** The comment carries a phone number, masked when it is submitted. */
  phone: boolean;
  /** What a monitor did with the comment; null: still pending. */
  moderation: { action: 'publish' | 'reject'; at: string; reason?: string } | null;
  /** Hidden after publication, with a reason. */
  hidden: { at: string; reason: string } | null;
  /** Citizens (voters) who flagged the published comment, and when. */
  flags: Array<{ voterId: string; reason: FlagReason; at: string }>;
  case: DemoCase | null;
}

const DAY = 86_400_000;
const later = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

/** Whole ratings per target, summing to `total` (largest remainders). */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) counts[byRemainder[k]![1]]! += 1;
  return counts;
}

export interface RatingOptions {
  total: number;
  /** The window ratings fall in: [from, to). */
  from: Date;
  to: Date;
  /** Comments recorded after this are still waiting for a monitor. */
  pendingAfter: Date;
}

/** The ratings themselves: targets, levels, times, voters (one rating per voter, target and year). */
export function demoRatings(targets: readonly RatedTarget[], options: RatingOptions, random: Random): DemoRating[] {
  const voters = Array.from({ length: Math.max(1, Math.ceil(options.total / 4)) }, () => random.voterId());
  const used = new Set<string>();
  const span = options.to.getTime() - options.from.getTime();
  const counts = apportion(
    targets.map((t) => t.weight),
    options.total,
  );
  const ratings = targets.flatMap((target, index) => {
    const n = counts[index]!;
    const satisfied = Math.round(target.satisfiedShare * n);
    return random.shuffle(Array.from({ length: n }, (_, i) => i < satisfied)).map((isSatisfied): DemoRating => {
      const at = new Date(options.from.getTime() + Math.floor(random.next() * span)).toISOString();
      let voterId = random.pick(voters);
      const ballot = (voter: string) => `${voter}|${target.planId}|${target.targetId}|${ratingYear(new Date(at))}`;
      while (used.has(ballot(voterId))) voterId = random.pick(voters);
      used.add(ballot(voterId));
      const rating: Rating = isSatisfied ? (random.chance(0.45) ? 5 : 4) : random.pick([3, 3, 3, 2, 2, 1] as const);
      const commented = random.chance(rating <= 2 ? 0.5 : 0.3);
      const phone = commented && random.chance(0.06);
      const comment = commented ? commentText(random, rating, target.name, phone) : null;
      return {
        feedbackId: random.uuid(),
        voterId,
        planId: target.planId,
        targetType: target.targetType,
        targetId: target.targetId,
        at,
        rating,
        comment,
        phone,
        ...moderationOf(comment !== null, at, options.pendingAfter, voters, random),
        case: null,
      };
    });
  });
  const ordered = ratings.sort((a, b) => a.at.localeCompare(b.at));
  for (const r of ordered)
    if (r.rating <= 2 && r.comment !== null)
      r.case = caseFor(r, targets.find((t) => t.targetId === r.targetId)!.name, random);
  return ordered;
}

function moderationOf(
  commented: boolean,
  at: string,
  pendingAfter: Date,
  voters: readonly string[],
  random: Random,
): Pick<DemoRating, 'moderation' | 'hidden' | 'flags'> {
  if (!commented || Date.parse(at) >= pendingAfter.getTime()) return { moderation: null, hidden: null, flags: [] };
  const moderatedAt = later(at, random.int(1, 3));
  const roll = random.next();
  if (roll < 0.07)
    return {
      moderation: { action: 'reject', at: moderatedAt, reason: random.pick(REJECT_REASONS) },
      hidden: null,
      flags: [],
    };
  const moderation = { action: 'publish' as const, at: moderatedAt };
  if (roll < 0.1)
    return {
      moderation,
      hidden: { at: later(moderatedAt, random.int(10, 40)), reason: random.pick(HIDE_REASONS) },
      flags: [],
    };
  if (roll < 0.16) {
    // Up to four distinct citizens; three (the default threshold) send it for review.
    const flaggers = random.shuffle(voters).slice(0, random.int(1, 4));
    let days = random.int(2, 10);
    return {
      moderation,
      hidden: null,
      flags: flaggers.map((voterId) => ({
        voterId,
        reason: random.pick(FLAG_REASONS),
        at: later(moderatedAt, (days += random.int(1, 5))),
      })),
    };
  }
  return { moderation, hidden: null, flags: [] };
}

const monitor = (at: string, step: Extract<DemoCaseStep, { by: 'monitor' }>['step']): DemoCaseStep => ({
  by: 'monitor',
  at,
  step,
});

/**
 * How a 差评 case goes. Replies on time come within 12 calendar days (the deadline is 15 working
 * days, never fewer calendar days); late ones after 40 (past any 15 working days, holidays included).
 */
function caseFor(r: DemoRating, name: string, random: Random): DemoCase {
  const roll = random.next();
  const dept = department(random);
  const verifyAt = later(r.at, random.int(1, 3));
  if (roll < 0.15) return { outcome: 'overdue-untouched', steps: [], rerating: null };
  if (roll < 0.25)
    return {
      outcome: 'overdue-verifying',
      steps: [monitor(verifyAt, { action: 'verify', department: dept })],
      rerating: null,
    };
  const late = roll < 0.45;
  const rectified = random.chance(0.4);
  const replyAt = later(r.at, late ? random.int(40, 70) : random.int(6, 12));
  const steps: DemoCaseStep[] = [
    monitor(verifyAt, { action: 'verify', department: dept }),
    ...(rectified ? [monitor(later(verifyAt, 1), { action: 'rectify', note: '已列入整改清单' })] : []),
    monitor(replyAt, { action: 'reply', department: dept, text: replyText(name, rectified) }),
  ];
  let rerating: DemoCase['rerating'] = null;
  const answer = random.next();
  if (answer < 0.35) {
    const saidAt = later(replyAt, 2);
    steps.push({ by: 'citizen', at: saidAt, satisfied: true });
    const reratedAt = later(saidAt, 1);
    // A new rating replaces the old only within the same year; later it would be a rating of its own.
    if (random.chance(0.5) && ratingYear(new Date(reratedAt)) === ratingYear(new Date(r.at)))
      rerating = { feedbackId: random.uuid(), rating: 3, at: reratedAt };
  } else if (answer < 0.5) {
    const disputedAt = later(replyAt, 3);
    steps.push({ by: 'citizen', at: disputedAt, satisfied: false, note: '答复没有解决问题' });
    if (random.chance(0.5))
      steps.push(
        monitor(later(disputedAt, 2), { action: 'verify', department: dept, note: '复核' }),
        monitor(later(disputedAt, 8), { action: 'reply', department: dept, text: replyText(name, true) }),
      );
  } else if (answer < 0.75) {
    steps.push(monitor(later(replyAt, 30), { action: 'close', note: '市民未回复，按期结案' }));
  }
  return { outcome: late ? 'replied-late' : 'replied-on-time', steps, rerating };
}
