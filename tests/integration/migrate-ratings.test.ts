import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCase } from '../../shared/cases/case.js';
import { workCalendar } from '../../shared/cases/working-days.js';
import { loadPlan as readBuiltInPlan, parsePlan } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { caseRepository } from '../../shared/store/case-repository.js';
import { feedbackRepository } from '../../shared/store/feedback-repository.js';
import { feedbackShard } from '../../shared/store/keys.js';
import { migrateLegacyRatings } from '../../shared/store/migrate-ratings.js';
import { moderationRepository } from '../../shared/store/moderation-repository.js';
import { ratingsRepository } from '../../shared/store/ratings-repository.js';
import { useStore } from '../helpers/store.js';

/**
 * A table as the site left it before ratings carried their plan, written item by item in that
 * layout (the key strings are spelled out here on purpose: keys.ts no longer builds them).
 */
const store = useStore();
const plan = readBuiltInPlan();
const sample = parsePlan(JSON.parse(readFileSync('tests/fixtures/plans/sample-15th.json', 'utf8')));
const shard = feedbackShard('v1', 'indicator', 'gdp');
const recordedAt = '2025-03-01T00:00:00.000Z';
const publishedAt = '2025-03-02T00:00:00.000Z';
const flaggedAt = '2025-03-04T00:00:00.000Z';
const pad = (n: number) => String(n).padStart(2, '0');
const settings = { minRatings: 1, settleSeconds: 0, maxBatch: 1000 };

async function put(item: Record<string, unknown>) {
  await store.current.client.send(new PutCommand({ TableName: store.current.tableName, Item: item }));
}

async function writeLegacyTable() {
  await put({ PK: 'FEEDBACKREF#f1', SK: 'REF', type: 'feedback-ref', shard, recordedAt, feedbackId: 'f1' });
  await put({
    PK: `FEEDBACK#${pad(shard)}`,
    SK: `${recordedAt}#f1`,
    GSI1PK: 'COMMENTS#indicator#gdp',
    GSI1SK: `${publishedAt}#f1`,
    type: 'feedback',
    feedbackId: 'f1',
    voterId: 'v1',
    targetType: 'indicator',
    targetId: 'gdp',
    year: 2025,
    rating: 2,
    comment: '进度太慢',
    commentStatus: 'published',
    recordedAt,
    shard,
    replaces: null,
    publishedAt,
    flagCount: 0,
  });
  await put({
    PK: `FEEDBACK#${pad(shard)}`,
    SK: `${publishedAt}#e1`,
    type: 'moderation',
    eventId: 'e1',
    feedbackId: 'f1',
    targetType: 'indicator',
    targetId: 'gdp',
    year: 2025,
    ratedAt: recordedAt,
    from: 'pending',
    to: 'published',
    at: publishedAt,
    shard,
  });
  await put({
    PK: 'VOTER#v1',
    SK: 'BALLOT#indicator#gdp#2025',
    type: 'ballot',
    voterId: 'v1',
    targetType: 'indicator',
    targetId: 'gdp',
    year: 2025,
    rating: 2,
    feedbackId: 'f1',
    shard,
    recordedAt,
    revision: 1,
    firstRecordedAt: recordedAt,
    replaces: null,
  });
  const { planId: _planId, ...legacyCase } = newCase(
    {
      feedback: { shard, recordedAt, feedbackId: 'f1' },
      voterId: 'v1',
      planId: plan.id,
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 2,
    },
    new Date(recordedAt),
    { deadlineDays: 15, calendar: workCalendar({ extraHolidays: [], extraWorkdays: [] }) },
  );
  await put({
    PK: 'CASE#f1',
    SK: 'CASE',
    GSI1PK: 'CASES#active',
    GSI1SK: `${legacyCase.dueAt}#f1`,
    type: 'case',
    ...legacyCase,
  });
  // A case of another plan, closed while the cases of every plan shared one index.
  const otherPlans = newCase(
    {
      feedback: { shard, recordedAt, feedbackId: 'f9' },
      voterId: 'v9',
      planId: 'sample-15th',
      targetType: 'indicator',
      targetId: 'forest-cover',
      rating: 1,
    },
    new Date(recordedAt),
    { deadlineDays: 15, calendar: workCalendar({ extraHolidays: [], extraWorkdays: [] }) },
  );
  await put({
    PK: 'CASE#f9',
    SK: 'CASE',
    GSI1PK: 'CASES#closed',
    GSI1SK: `${publishedAt}#f9`,
    type: 'case',
    ...otherPlans,
    status: 'closed',
    closedAt: publishedAt,
  });
  // Comments under review, their pointers written before pointers carried a plan: one of a
  // record from before ratings carried theirs, one of a record of the sample plan that did.
  for (const [feedbackId, planId, targetId] of [
    ['f3', undefined, 'retail-sales'],
    ['f7', 'sample-15th', 'gdp'],
  ] as const) {
    const flaggedShard = feedbackShard(`v-${feedbackId}`, 'indicator', targetId);
    const common = { feedbackId, shard: flaggedShard, recordedAt, targetType: 'indicator', targetId };
    await put({
      PK: `FEEDBACK#${pad(flaggedShard)}`,
      SK: `${recordedAt}#${feedbackId}`,
      GSI1PK: planId ? `COMMENTS#${planId}#indicator#${targetId}` : `COMMENTS#indicator#${targetId}`,
      GSI1SK: `${publishedAt}#${feedbackId}`,
      type: 'feedback',
      ...common,
      ...(planId ? { planId } : {}),
      voterId: `v-${feedbackId}`,
      year: 2025,
      rating: 4,
      comment: '被举报的留言',
      commentStatus: 'published',
      replaces: null,
      publishedAt,
      flagCount: 3,
      underReviewSince: flaggedAt,
    });
    await put({
      PK: `FLAGS#${feedbackId}`,
      SK: 'REVIEW',
      GSI1PK: 'MODQUEUE#pending',
      GSI1SK: `${flaggedAt}#${feedbackId}`,
      type: 'flag-review',
      ...common,
      queueReason: 'flagged',
      since: flaggedAt,
    });
  }
  // What the old aggregation published and counted, without plans.
  await put({ PK: 'SUMMARY#all', SK: 'SUMMARY', type: 'rating-summary', version: 1, data: '{}' });
  await put({ PK: 'SERIES#indicator#gdp', SK: '2025', type: 'rating-series-point', version: 1, data: '{}' });
  await put({
    PK: 'RATINGS#all',
    SK: 'COUNTS',
    type: 'rating-counts',
    period: 'all',
    appliedVersion: 1,
    data: JSON.stringify({ 'indicator#gdp': [0, 1, 0, 0, 0, 0, 1, 0, 0] }),
  });
  await put({
    PK: 'AGGREGATION',
    SK: 'STATE',
    type: 'aggregation-state',
    version: 1,
    watermarks: {},
    phase: 'idle',
    batch: null,
    dirtyPeriods: [],
    dirtyScopes: [],
    periods: ['all'],
  });
}

beforeAll(async () => {
  await loadPlan(store.current, plan);
  await loadPlan(store.current, sample);
  await writeLegacyTable();
});

describe('the migration of ratings stored before they carried their plan', () => {
  it('makes every legacy item the given plan’s, and a rebuild counts and publishes them per plan', async () => {
    const report = await migrateLegacyRatings(store.current, plan.id);
    expect(report).toEqual({ logItems: 3, ballots: 1, cases: 2, reviews: 2, documents: 2 });
    const rebuilt = await aggregationJob(store.current, settings)('rebuild');
    // The old unscoped count, in the single counts item of every plan, is gone; the plan's own is counted.
    expect(rebuilt.differences).toEqual(
      expect.arrayContaining([expect.objectContaining({ period: 'all', scope: `${plan.id}/indicator#gdp` })]),
    );
    const counts = await store.current.client.send(
      new GetCommand({ TableName: store.current.tableName, Key: { PK: 'RATINGS#all', SK: 'COUNTS' } }),
    );
    expect(counts.Item).toBeUndefined();

    const summaries = await ratingsRepository(store.current).periodSummaries(plan.id, 'all');
    const gdp = summaries?.targets.find((t) => t.targetId === 'gdp');
    expect(gdp?.histogram).toEqual([0, 1, 0, 0, 0]);
    expect(gdp?.comments.published).toBe(1);
    const old = await store.current.client.send(
      new GetCommand({ TableName: store.current.tableName, Key: { PK: 'SUMMARY#all', SK: 'SUMMARY' } }),
    );
    expect(old.Item).toBeUndefined();

    const feedback = feedbackRepository(store.current);
    const comments = await feedback.publishedComments(
      { planId: plan.id, targetType: 'indicator', targetId: 'gdp' },
      { limit: 10 },
    );
    expect(comments.items).toEqual([expect.objectContaining({ feedbackId: 'f1', planId: plan.id })]);
    // Each case in its own plan's partitions, the one of another plan keeping its plan.
    const cases = caseRepository(store.current);
    expect((await cases.all(plan.id)).map((c) => c.caseId)).toEqual(['f1']);
    expect((await cases.list(plan.id, 'active', { limit: 10 })).items.map((c) => c.caseId)).toEqual(['f1']);
    expect((await cases.all('sample-15th')).map((c) => [c.caseId, c.planId])).toEqual([['f9', 'sample-15th']]);
    expect((await cases.list('sample-15th', 'closed', { limit: 10 })).items.map((c) => c.caseId)).toEqual(['f9']);
    expect(await feedback.ballotsOf('v1', plan.id)).toEqual([
      expect.objectContaining({ planId: plan.id, feedbackId: 'f1', rating: 2 }),
    ]);
  });

  it('puts each flagged comment in its own plan’s moderation queue, by the plan of its record', async () => {
    const queue = moderationRepository(store.current);
    const queued = async (planId: string) =>
      (await queue.moderationQueue({ status: 'pending', planId, limit: 10 })).items.map((c) => [
        c.feedbackId,
        c.queueReason,
      ]);
    expect(await queued(plan.id)).toEqual([['f3', 'flagged']]);
    expect(await queued('sample-15th')).toEqual([['f7', 'flagged']]);
  });

  it('keeps one rating per voter: a new rating of the same target and year replaces the migrated one', async () => {
    const feedback = feedbackRepository(store.current);
    const { replaced } = await feedback.record({
      nonce: randomUUID(),
      voterId: 'v1',
      planId: plan.id,
      targetType: 'indicator',
      targetId: 'gdp',
      year: 2025,
      rating: 5,
      comment: null,
      // Now, not back in 2025: the aggregation has read the log up to now and reads on from there.
      clock: () => new Date(),
    });
    expect(replaced?.feedbackId).toBe('f1');
    await aggregationJob(store.current, settings)();
    const summaries = await ratingsRepository(store.current).periodSummaries(plan.id, 'all');
    expect(summaries?.targets.find((t) => t.targetId === 'gdp')?.histogram).toEqual([0, 0, 0, 0, 1]);
  });

  it('changes nothing when run again', async () => {
    expect(await migrateLegacyRatings(store.current, plan.id)).toEqual({
      logItems: 0,
      ballots: 0,
      cases: 0,
      reviews: 0,
      documents: 0,
    });
  });

  it('refuses a plan that is not loaded, writing nothing', async () => {
    await expect(migrateLegacyRatings(store.current, 'licheng-13th')).rejects.toThrow(/not loaded/);
  });
});
