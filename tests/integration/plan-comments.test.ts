import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rating } from '../../shared/feedback/rating.js';
import type { PublishedComment } from '../../shared/feedback/record.js';
import type { RecordRef } from '../../shared/feedback/store.js';
import type { TargetType } from '../../shared/feedback/target.js';
import { selectEvents } from '../../shared/feeds/atom.js';
import type { FeedEvent } from '../../shared/feeds/events.js';
import { namedTargets } from '../../shared/feedback/target-kinds.js';
import { replySource } from '../../shared/http/api/routes/feeds.js';
import { toCsv } from '../../shared/open-data/format.js';
import { commentRows } from '../../shared/open-data/rows.js';
import { loadPlan as readBuiltInPlan } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { feedbackRepository } from '../../shared/store/feedback-repository.js';
import { moderationRepository } from '../../shared/store/moderation-repository.js';
import { planRepository, type PlanSnapshot } from '../../shared/store/plan-repository.js';
import { replyRepository } from '../../shared/store/reply-fraud-repository.js';
import { testApp } from '../helpers/api.js';
import { countingStore } from '../helpers/counting-store.js';
import { useStore } from '../helpers/store.js';

/**
 * The plan's feed and its comments export read the plan's published comments from the plan's own
 * index (GSI2): a bounded number of queries however many targets the plan has, with the same
 * contents as each target's public list gives, and never a comment that is not published.
 */

const store = useStore();
const plan = readBuiltInPlan();
const PLAN = plan.id;
const OTHER_PLAN = 'elsewhere-15th';
const HIDDEN_TEXT = '这条留言后来被隐藏';
const REJECTED_TEXT = '这条留言被驳回';
const PENDING_TEXT = '这条留言尚在审核';
const MAX_QUERIES = 20;

let minute = Date.parse('2026-03-01T00:00:00Z');
const tick = () => new Date((minute += 60_000));

/** A comment on a target, recorded; returns where it is. */
async function comment(planId: string, targetType: TargetType, targetId: string, text: string): Promise<RecordRef> {
  const at = tick();
  const id = randomUUID();
  // The id for a store that takes the caller's, the nonce for one that makes self-locating ids.
  const input = { feedbackId: id, nonce: id, voterId: `voter-${id}`, planId, targetType, targetId, year: 2026 };
  const { record } = await feedbackRepository(store.current).record({
    ...input,
    rating: (1 + (Math.floor(minute / 60_000) % 5)) as Rating,
    comment: text,
    clock: () => at,
  });
  return { shard: record.shard, recordedAt: record.recordedAt, feedbackId: record.feedbackId };
}
const setStatus = (ref: RecordRef, status: 'published' | 'hidden' | 'rejected') =>
  moderationRepository(store.current).setCommentStatus(ref, status, tick());
const reply = (ref: RecordRef, text: string) =>
  replyRepository(store.current).addReply(ref, {
    replyId: randomUUID(),
    department: '鲤城区发改局',
    text,
    publishedAt: tick().toISOString(),
    by: 'monitor (sub)',
  });

let snapshot: PlanSnapshot;
const targets = () => namedTargets(snapshot);

/** What each target's public list (GSI1, one target at a time) holds: the reference. */
async function perTargetLists(): Promise<
  Array<{ targetType: TargetType; targetId: string; comments: PublishedComment[] }>
> {
  const feedback = feedbackRepository(store.current);
  return Promise.all(
    targets().map(async ({ targetType, targetId }) => {
      const comments: PublishedComment[] = [];
      let cursor: string | undefined;
      do {
        const page = await feedback.publishedComments({ planId: PLAN, targetType, targetId }, { limit: 100, cursor });
        comments.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { targetType, targetId, comments };
    }),
  );
}

beforeAll(async () => {
  await loadPlan(store.current, plan);
  snapshot = (await planRepository(store.current).snapshot(PLAN))!;
  expect(targets().length).toBeGreaterThanOrEqual(100);
  // Every target gets a published comment; every third one an official reply, some given before
  // publishing; some get a second comment, published later, and some a comment that is then hidden.
  for (const [i, target] of targets().entries()) {
    const first = await comment(PLAN, target.targetType, target.targetId, `第${i}条：${target.nameZh}进展如何？`);
    if (i % 6 === 0) await reply(first, `答复${i}（公开前）`);
    await setStatus(first, 'published');
    if (i % 3 === 0) await reply(first, `答复${i}`);
    if (i % 4 === 0) {
      const second = await comment(PLAN, target.targetType, target.targetId, `第${i}条之二`);
      await setStatus(second, 'published');
      if (i % 8 === 0) await reply(second, `答复${i}之二`);
    }
    if (i % 10 === 0) {
      const hidden = await comment(PLAN, target.targetType, target.targetId, HIDDEN_TEXT);
      await setStatus(hidden, 'published');
      await reply(hidden, `${HIDDEN_TEXT}的答复`);
      await setStatus(hidden, 'hidden');
    }
  }
  await setStatus(await comment(PLAN, 'indicator', 'gdp', REJECTED_TEXT), 'rejected');
  await comment(PLAN, 'indicator', 'gdp', PENDING_TEXT);
  // The same target id in another plan is another target: never in this plan's feed or export.
  const elsewhere = await comment(OTHER_PLAN, 'indicator', 'gdp', '另一规划的留言');
  await setStatus(elsewhere, 'published');
  await reply(elsewhere, '另一规划的答复');
}, 120_000);

describe('the plan feed and the comments export, from the plan’s index of published comments', () => {
  it(`answer the plan feed and comments.csv in at most ${MAX_QUERIES} queries for a plan of 100 targets with comments`, async () => {
    const counting = countingStore(store.current);
    const { app } = testApp(counting.store);
    const cost: Record<string, Record<string, number>> = {};
    for (const path of [
      '/api/v1/feeds/plan.atom',
      `/api/v1/plans/${PLAN}/feeds/plan.atom`,
      '/api/v1/open-data/comments.csv',
      `/api/v1/plans/${PLAN}/open-data/comments.json`,
    ]) {
      // The second request of each: the plan itself may come from the process's cache by then.
      for (const round of ['first', 'again']) {
        counting.reset();
        const res = await app.request(`https://gongping.example.org${path}`);
        expect(res.status, path).toBe(200);
        await res.text();
        cost[`${path} (${round})`] = counting.sent();
      }
    }
    console.log('commands per request:', JSON.stringify(cost));
    for (const [request, sent] of Object.entries(cost)) {
      expect(sent.QueryCommand ?? 0, request).toBeLessThanOrEqual(MAX_QUERIES);
      const total = Object.values(sent).reduce((sum, n) => sum + n, 0);
      expect(total, request).toBeLessThanOrEqual(MAX_QUERIES);
    }
  });

  it('exports exactly the rows the targets’ own lists give, in plan order, newest first within a target', async () => {
    const expected = toCsv('comments', PLAN, commentRows(snapshot, await perTargetLists()));
    const { app } = testApp(store.current);
    const res = await app.request('/api/v1/open-data/comments.csv');
    // Byte for byte, the leading byte-order mark included.
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(csv).toBe(expected);
    expect(csv.split('\n').length).toBeGreaterThan(targets().length);
    for (const text of [HIDDEN_TEXT, REJECTED_TEXT, PENDING_TEXT, '另一规划']) expect(csv).not.toContain(text);
  });

  it('puts exactly the replies the targets’ own lists give into the plan feed, and no hidden comment’s', async () => {
    const expected: FeedEvent[] = [];
    const byId = new Map(targets().map((t) => [`${t.targetType}#${t.targetId}`, t]));
    for (const { targetType, targetId, comments } of await perTargetLists()) {
      for (const c of comments) {
        c.replies.forEach((r, index) =>
          expected.push({
            kind: 'reply',
            target: byId.get(`${targetType}#${targetId}`)!,
            at: r.publishedAt,
            replyId: `${c.feedbackId}-${index + 1}`,
            feedbackId: c.feedbackId,
            department: r.department,
            departmentEn: r.departmentEn,
            text: r.text,
          }),
        );
      }
    }
    expect(expected.length).toBeGreaterThan(40);
    const { deps } = testApp(store.current);
    const events = await replySource(deps, { planId: PLAN, kind: 'plan', snapshot });
    expect(selectEvents({ kind: 'plan' }, events)).toEqual(selectEvents({ kind: 'plan' }, expected));
    expect(JSON.stringify(events)).not.toMatch(new RegExp(`${HIDDEN_TEXT}|另一规划`));

    const res = await testApp(store.current).app.request('/api/v1/feeds/plan.atom');
    const xml = await res.text();
    expect(xml).toContain('答复0（公开前）');
    expect(xml).not.toContain(HIDDEN_TEXT);
  });
});
