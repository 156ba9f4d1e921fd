import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { feedbackRepository } from '../../shared/store/feedback-repository.js';
import { indexPublishedComments } from '../../shared/store/migrate-comment-index.js';
import { useStore } from '../helpers/store.js';

/**
 * Comments published before the plan index (GSI2) existed, written item by item as that code left
 * them (the key strings spelled out: keys.ts builds today's), are put into it once.
 */
const store = useStore();
const PLAN = 'licheng-14th';

/** A feedback record as published before the plan index: in its target's list (GSI1) only. */
async function legacyRecord(
  id: string,
  status: 'published' | 'hidden' | 'pending',
  extra: { planId?: string; replies?: Array<{ publishedAt: string; text: string }> } = {},
) {
  const shard = Number(id.slice(1)) % 16;
  const recordedAt = `2025-04-0${id.slice(1)}T00:00:00.000Z`;
  const publishedAt = `2025-04-0${id.slice(1)}T01:00:00.000Z`;
  const planId = extra.planId ?? PLAN;
  await store.current.client.send(
    new PutCommand({
      TableName: store.current.tableName,
      Item: {
        PK: `FEEDBACK#${String(shard).padStart(2, '0')}`,
        SK: `${recordedAt}#${id}`,
        ...(status === 'published'
          ? { GSI1PK: `COMMENTS#${planId}#indicator#gdp`, GSI1SK: `${publishedAt}#${id}` }
          : {}),
        type: 'feedback',
        feedbackId: id,
        voterId: `voter-${id}`,
        planId,
        targetType: 'indicator',
        targetId: 'gdp',
        year: 2025,
        rating: 2,
        comment: `留言${id}`,
        commentStatus: status,
        recordedAt,
        shard,
        replaces: null,
        replies: (extra.replies ?? []).map((r, n) => ({
          replyId: `${id}-r${n}`,
          department: '鲤城区统计局',
          text: r.text,
          publishedAt: r.publishedAt,
          by: 'monitor (sub)',
        })),
        ...(status === 'pending' ? {} : { publishedAt }),
      },
    }),
  );
}

describe('indexing the comments published before the plan index', () => {
  it('puts every published comment into its plan’s index once, by its latest reply, and nothing hidden or pending', async () => {
    await legacyRecord('f1', 'published');
    await legacyRecord('f2', 'published', {
      replies: [
        { publishedAt: '2025-05-01T00:00:00.000Z', text: '第一次答复' },
        { publishedAt: '2025-06-01T00:00:00.000Z', text: '第二次答复' },
      ],
    });
    await legacyRecord('f3', 'hidden', {
      replies: [{ publishedAt: '2025-05-02T00:00:00.000Z', text: '隐藏留言的答复' }],
    });
    await legacyRecord('f4', 'pending');
    await legacyRecord('f5', 'published', { planId: 'sample-15th' });
    const feedback = feedbackRepository(store.current);
    expect(await feedback.planPublishedComments(PLAN)).toEqual([]);

    expect(await indexPublishedComments(store.current)).toBe(3);

    const all = await feedback.planPublishedComments(PLAN);
    expect(all.map((c) => c.feedbackId).sort()).toEqual(['f1', 'f2']);
    // The same as the target's own list shows them.
    const list = await feedback.publishedComments(
      { planId: PLAN, targetType: 'indicator', targetId: 'gdp' },
      { limit: 10 },
    );
    expect([...all].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))).toEqual(list.items);
    const replied = await feedback.planRepliedComments(PLAN, 200);
    expect(replied.map((c) => [c.feedbackId, c.replies.map((r) => r.text)])).toEqual([
      ['f2', ['第一次答复', '第二次答复']],
    ]);
    expect((await feedback.planPublishedComments('sample-15th')).map((c) => c.feedbackId)).toEqual(['f5']);

    expect(await indexPublishedComments(store.current)).toBe(0);
    expect((await feedback.planPublishedComments(PLAN)).length).toBe(2);
  });
});
