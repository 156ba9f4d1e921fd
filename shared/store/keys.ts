/**
 * Key layout of the single table. Every key string is built here and nowhere else; docs/data-model.md's
 * access-pattern table is the documentation of this file.
 */
import type { PlanTarget, TargetType } from '../feedback/target.js';
import { targetKind } from '../feedback/target-kinds.js';

/**
 * Feedback records are spread over this many partitions (by a hash of voter and target), so a
 * popular target's writes never share one partition's ~1,000 write units per second. Readers
 * gather all shards. Changing it re-routes new writes only; readers must then gather the old
 * count too, so treat it as part of the schema, not a setting.
 */
export const FEEDBACK_SHARDS = 16;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const planKey = (planId: string) => ({ PK: `PLAN#${planId}`, SK: 'PLAN' });
export const planPartition = (planId: string) => `PLAN#${planId}`;
/** Every plan's summary in one partition, so listing the plans is one query. */
export const PLAN_REGISTRY_PARTITION = 'PLANS';
export const planRegistryKey = (planId: string) => ({ PK: PLAN_REGISTRY_PARTITION, SK: `PLAN#${planId}` });
/**
 * The version of every plan's data (registry, definitions, observations, progress): each write to
 * them adds one right after it lands, and the processes' read caches check it (docs/caching.md).
 */
export const planDataVersionKey = { PK: 'PLANDATA', SK: 'VERSION' } as const;
/** The definition item of a target (`INDICATOR#{id}`, `PROJECT#{id}`: its kind's key prefix, shared/feedback/target-kinds.ts). */
export const targetKey = (planId: string, targetType: TargetType, id: string) => ({
  PK: planPartition(planId),
  SK: `${targetKind(targetType).keyPrefix}#${id}`,
});
export const indicatorKey = (planId: string, id: string) => targetKey(planId, 'indicator', id);
export const projectKey = (planId: string, id: string) => targetKey(planId, 'project', id);
export const historyKey = (planId: string, id: string) => ({ PK: planPartition(planId), SK: `HISTORY#${id}` });

/** Observations of one indicator sort by year, then revision; the highest revision of a year is current. */
export const observationPrefix = (indicatorId: string, year?: number) =>
  year === undefined ? `OBSERVATION#${indicatorId}#` : `OBSERVATION#${indicatorId}#${year}#`;
export const observationKey = (planId: string, indicatorId: string, year: number, revision: number) => ({
  PK: planPartition(planId),
  SK: `${observationPrefix(indicatorId, year)}${pad(revision, 4)}`,
});

export const targetRef = (targetType: TargetType, targetId: string) => `${targetType}#${targetId}`;

/** A voter's current rating of one target of a plan in one year: the item that enforces one rating per voter. */
export const voterPartition = (voterId: string) => `VOTER#${voterId}`;
/** A voter's ballots: all of them, those of one plan, or those of one target of a plan. */
export const ballotPrefix = (planId?: string, target?: Omit<PlanTarget, 'planId'>) =>
  planId === undefined
    ? 'BALLOT#'
    : target
      ? `BALLOT#${planId}#${targetRef(target.targetType, target.targetId)}#`
      : `BALLOT#${planId}#`;
export const ballotKey = (voterId: string, target: PlanTarget, year: number) => ({
  PK: voterPartition(voterId),
  SK: `${ballotPrefix(target.planId, target)}${year}`,
});
/** Where a ballot was before ratings carried their plan (`BALLOT#{type}#{id}#{year}`): read only by the migration. */
export const legacyBallotPattern = /^BALLOT#(indicator|project)#[^#]+#\d+$/;

/** FNV-1a: cheap, stable across runtimes, and spreads short strings well enough for 16 buckets. */
export function feedbackShard(voterId: string, targetType: TargetType, targetId: string): number {
  let hash = 0x811c9dc5;
  for (const ch of `${voterId}|${targetType}|${targetId}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % FEEDBACK_SHARDS;
}

export const feedbackPartition = (shard: number) => `FEEDBACK#${pad(shard, 2)}`;
/** Sort keys start with the time recorded, so each shard reads back in order from any watermark. */
export const feedbackKey = (shard: number, recordedAt: string, feedbackId: string) => ({
  PK: feedbackPartition(shard),
  SK: `${recordedAt}#${feedbackId}`,
});

/** Published comments of a target of a plan, newest first, in the sparse GSI1. */
export const publishedCommentsPartition = (target: PlanTarget) =>
  `COMMENTS#${target.planId}#${targetRef(target.targetType, target.targetId)}`;
export const publishedCommentSortKey = (publishedAt: string, feedbackId: string) => `${publishedAt}#${feedbackId}`;

/**
 * Published comments of a plan across all its targets, in the sparse GSI2, for what reads them all
 * at once (the plan's feed, the comments export) in one query per partition and page instead of
 * one per target. A plan's comments spread over PLAN_COMMENT_SHARDS partitions (the record's log
 * shard modulo it), so a plan in the news never funnels its moderation and flags into one index
 * partition. Part of the schema, like FEEDBACK_SHARDS.
 */
export const PLAN_COMMENT_SHARDS = 4;
export const planCommentsPartition = (planId: string, logShard: number) =>
  `PLANCOMMENTS#${planId}#${logShard % PLAN_COMMENT_SHARDS}`;
/**
 * Within a partition, comments with official replies sort by their latest reply (newest last), so
 * the feed reads the replied ones alone, most recent first; the others by when they were published.
 * The key is set whether or not the comment is published: without GSI2PK it is in no index.
 */
export const REPLIED_COMMENT_PREFIX = 'REPLIED#';
export const repliedCommentSortKey = (lastReplyAt: string, feedbackId: string) =>
  `${REPLIED_COMMENT_PREFIX}${lastReplyAt}#${feedbackId}`;
export const unrepliedCommentSortKey = (publishedAt: string, feedbackId: string) =>
  `UNREPLIED#${publishedAt}#${feedbackId}`;

/** The aggregation's own state: its version, per-shard watermarks and the batch in flight. */
export const aggregationStateKey = { PK: 'AGGREGATION', SK: 'STATE' } as const;

/**
 * Rating counts of one plan in one period (`all`, `2025`, `2025-06`): one item holding every scope
 * of the plan (targets, categories, the plan; each named with its plan, shared/ratings/scopes.ts),
 * so a batch costs one read and one write per plan and period it touches, not one write per
 * target, and publishing a plan's period reads one item. Each plan's item grows with that plan's
 * targets only (some 60 bytes each in all-time, 110 in a year or month, where their series points'
 * hashes are kept too: room for some 3,500 targets in one plan), and plans' batches never contend
 * on one item. A period's items share its partition, so a rebuild reads them in one query.
 */
export const RATING_COUNTS_PARTITION_PREFIX = 'RATINGS#';
export const ratingCountsPartition = (period: string) => `${RATING_COUNTS_PARTITION_PREFIX}${period}`;
export const RATING_COUNTS_PREFIX = 'COUNTS#';
export const ratingCountsKey = (period: string, planId: string) => ({
  PK: ratingCountsPartition(period),
  SK: `${RATING_COUNTS_PREFIX}${planId}`,
});
/** Where an older release kept every plan's counts of a period in one item: read only by the split (split-rating-counts.ts). */
export const legacyRatingCountsKey = (period: string) => ({ PK: ratingCountsPartition(period), SK: 'COUNTS' });
/** A plan's published summaries of a period, ranks included: what the public read routes answer from. */
export const ratingSummaryKey = (planId: string, period: string) => ({
  PK: `SUMMARY#${planId}#${period}`,
  SK: 'SUMMARY',
});
/** One point of a plan's scope's published time series (a year or a month), for charts. */
export const RATING_SERIES_PREFIX = 'SERIES#';
export const ratingSeriesPartition = (planId: string, scope: string) => `${RATING_SERIES_PREFIX}${planId}#${scope}`;
export const ratingSeriesKey = (planId: string, scope: string, period: string) => ({
  PK: ratingSeriesPartition(planId, scope),
  SK: period,
});

/** A fixed-window request counter; it expires (TTL) after its window. */
export const rateCounterKey = (subject: string, windowStart: number) => ({
  PK: `RATE#${subject}`,
  SK: String(windowStart),
});
/** A stored answer to a POST sent with an Idempotency-Key, per caller; it expires after a day. */
export const idempotencyKey = (caller: string, key: string) => ({ PK: `IDEMPOTENCY#${caller}`, SK: key });

// ---------------------------------------------------------------------------------------------
// Staff work: moderation, flags, official replies, fraud marks, 差评 cases, the audit log and
// project progress. Appended as one block; nothing above changes.
// ---------------------------------------------------------------------------------------------

/** Where a feedback record is, by its id alone (records are keyed by shard and time). */
export const feedbackRefKey = (feedbackId: string) => ({ PK: `FEEDBACKREF#${feedbackId}`, SK: 'REF' });

/** The moderation queue in the sparse GSI1: pending comments, oldest first by the time they were queued. */
export const MODERATION_QUEUE_PARTITION = 'MODQUEUE#pending';
export const moderationQueueSortKey = (queuedAt: string, feedbackId: string) => `${queuedAt}#${feedbackId}`;
/** Moderation events that rejected or hid a comment, in GSI1, so those comments can be listed again. */
export const moderatedPartition = (status: 'rejected' | 'hidden') => `MODERATED#${status}`;

/** Who flags a comment, for counting each flagger once: the client's (daily-salted) address hash where known, else the voter. */
export type Flagger = { kind: 'address'; hash: string } | { kind: 'voter'; voterId: string };

/** One flag per flagger per comment: the item's existence is the rule. */
export const commentFlagKey = (feedbackId: string, flagger: Flagger) => ({
  PK: `FLAGS#${feedbackId}`,
  SK: flagger.kind === 'address' ? `ADDRESS#${flagger.hash}` : `VOTER#${flagger.voterId}`,
});

/**
 * A published comment that citizens' flags sent for review, in the moderation queue: a pointer to
 * the record beside its flags (the record's own GSI1 slot keeps it in the public list). One per
 * comment, so flags crossing the threshold together queue it once.
 */
export const FLAG_REVIEW_SORT_KEY = 'REVIEW';
export const flagReviewKey = (feedbackId: string) => ({ PK: `FLAGS#${feedbackId}`, SK: FLAG_REVIEW_SORT_KEY });

/** A 差评 follow-up case, keyed by the feedback id that opened it (so opening is idempotent). */
export const caseKey = (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' });
/**
 * A plan's cases in GSI1, so its statistics, feed and evaluation read its cases alone: unfinished
 * ones by their current due time, closed ones by when they closed.
 */
export const caseIndexPartition = (planId: string, group: 'active' | 'closed') => `CASES#${planId}#${group}`;
/** Where cases were indexed before the index was per plan (`CASES#active`): read only by the migration. */
export const legacyCaseIndexPattern = /^CASES#(active|closed)$/;
export const caseIndexSortKey = (at: string, caseId: string) => `${at}#${caseId}`;
/** A voter's own cases, beside their ballots in the voter's partition. */
export const voterCasePrefix = 'CASE#';
export const voterCaseKey = (voterId: string, caseId: string) => ({
  PK: voterPartition(voterId),
  SK: `${voterCasePrefix}${caseId}`,
});

/** The audit log: one partition, newest last; each entry written once (attribute_not_exists). */
export const AUDIT_PARTITION = 'AUDIT';
export const auditKey = (at: string, auditId: string) => ({ PK: AUDIT_PARTITION, SK: `${at}#${auditId}` });
/** An entry's subject (a comment, a case, an indicator…) in GSI1, for the history of one thing. */
export const auditSubjectPartition = (subjectType: string, subjectId: string) => `AUDIT#${subjectType}#${subjectId}`;

/** Project progress revisions, append-only, in the plan's partition beside the observations. */
export const progressPrefix = (projectId?: string) =>
  projectId === undefined ? 'PROGRESS#' : `PROGRESS#${projectId}#`;
export const progressKey = (planId: string, projectId: string, revision: number) => ({
  PK: planPartition(planId),
  SK: `${progressPrefix(projectId)}${pad(revision, 4)}`,
});

/**
 * A plan's two verdicts side by side (shared/verdicts/) in one period (`all`, `2025`): computed by
 * the aggregation run after it publishes the summaries, one item per period, read by requests.
 */
export const verdictsPartition = (planId: string) => `VERDICTS#${planId}`;
export const verdictsKey = (planId: string, period: string) => ({ PK: verdictsPartition(planId), SK: period });

/** The managed list of departments (shared/departments/): one item, replaced whole at its version. */
export const departmentsKey = { PK: 'DEPARTMENTS', SK: 'LIST' } as const;
