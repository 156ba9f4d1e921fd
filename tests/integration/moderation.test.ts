import { describe, expect, it } from 'vitest';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { json } from '../helpers/api.js';
import { moderateMany } from '../../shared/moderation/moderate.js';
import { ConflictError } from '../../shared/errors.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { useModerationApp, type Body } from '../helpers/moderation.js';

const env = useModerationApp();
const { newVoter, submit, staff, publicComments, flagFrom, publishedComment, flaggedQueue, recordOf, store } = env;

describe('personal data in comments', () => {
  it('is masked before the comment is stored, and the original text is kept nowhere', async () => {
    const phone = '13805312468';
    const id = '11010519491231002X';
    const { feedbackId } = await submit({
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 4,
      comment: `数据很好，有问题打${phone}，身份证${id}`,
    });
    const items = await store.scanAll();
    const everything = JSON.stringify(items);
    expect(everything).not.toContain(phone);
    expect(everything).not.toContain(id);
    const record = items.find((i) => i.type === 'feedback' && i.feedbackId === feedbackId)!;
    expect(record.comment).toBe('数据很好，有问题打【已隐去：电话】，身份证【已隐去：身份证号】');
    expect(record.pii).toEqual({ phone: 1, 'id-card': 1 });
    const queue = await staff('/monitor/comments', env.monitor);
    expect(queue.body.items.find((c: Body) => c.feedbackId === feedbackId)).toMatchObject({
      piiMasked: { phone: 1, 'id-card': 1 },
      commentStatus: 'pending',
    });
  });

  it('cannot be hidden from masking by zero-width characters: what is stored and published is masked, without them (issue 14)', async () => {
    const answer = await submit({
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 4,
      comment: '手机138\u200b1234\u200b5678，请回电',
    });
    expect(answer.personalDataMasked).toEqual({ phone: 1 });
    const items = await store.scanAll();
    expect(JSON.stringify(items)).not.toMatch(/5678|\u200b/);
    expect(items.find((i) => i.type === 'feedback' && i.feedbackId === answer.feedbackId)!.comment).toBe(
      '手机【已隐去：电话】，请回电',
    );
    // Published, so that the queue tests below find only the comment above still waiting.
    await staff(`/monitor/comments/${answer.feedbackId}/moderation`, env.monitor, { action: 'publish' });
    const shown = (await publicComments()).find((c) => c.feedbackId === answer.feedbackId)!;
    expect(shown.comment).toBe('手机【已隐去：电话】，请回电');
  });
});

describe('the moderation queue', () => {
  let first: Body;
  let second: Body;
  let third: Body;

  it('lists pending comments oldest first, by target, reason and age', async () => {
    env.advance(48 * 3600_000);
    first = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 5, comment: '增长不错' });
    second = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '希望公布季度数据' });
    third = await submit({
      targetType: 'project',
      targetId: readPlanFile().projects[0]!.id,
      rating: 4,
      comment: '进度可以',
    });
    const all = await staff('/monitor/comments', env.monitor);
    expect(all.status).toBe(200);
    const ids = all.body.items.map((c: Body) => c.feedbackId);
    expect(ids.indexOf(first.feedbackId)).toBeLessThan(ids.indexOf(second.feedbackId));
    const gdp = await staff('/monitor/comments?targetType=indicator&targetId=gdp', env.monitor);
    expect(gdp.body.items.every((c: Body) => c.targetId === 'gdp')).toBe(true);
    expect(gdp.body.items.map((c: Body) => c.feedbackId)).not.toContain(third.feedbackId);
    // The first test's comment has waited two days; these three a few minutes.
    const old = await staff('/monitor/comments?olderThanHours=24', env.monitor);
    expect(old.body.items).toHaveLength(1);
    const fresh = await staff('/monitor/comments?newerThanHours=1', env.monitor);
    expect(fresh.body.items.map((c: Body) => c.feedbackId).sort()).toEqual(
      [first, second, third].map((c) => c.feedbackId).sort(),
    );
    const page = await staff('/monitor/comments?limit=2', env.monitor);
    expect(page.body.items).toHaveLength(2);
    const next = await staff(`/monitor/comments?limit=2&cursor=${page.body.nextCursor}`, env.monitor);
    expect(next.body.items.map((c: Body) => c.feedbackId)).not.toContain(page.body.items[0].feedbackId);
    expect((await staff('/monitor/comments?cursor=bm9wZQ', env.monitor)).status).toBe(400);
  });

  it('publishes, rejects with a reason, and hides a published comment; the text only, never the rating', async () => {
    expect(
      (await staff(`/monitor/comments/${first.feedbackId}/moderation`, env.monitor, { action: 'publish' })).body,
    ).toMatchObject({ from: 'pending', to: 'published', changed: true });
    expect((await publicComments()).map((c) => c.feedbackId)).toContain(first.feedbackId);

    const noReason = await staff(`/monitor/comments/${second.feedbackId}/moderation`, env.monitor, {
      action: 'reject',
    });
    expect(noReason.status).toBe(400);
    expect(
      (
        await staff(`/monitor/comments/${second.feedbackId}/moderation`, env.monitor, {
          action: 'reject',
          reason: '广告',
        })
      ).body,
    ).toMatchObject({ to: 'rejected' });
    // Hiding applies to published comments only.
    expect(
      (await staff(`/monitor/comments/${third.feedbackId}/moderation`, env.monitor, { action: 'hide', reason: 'x' }))
        .status,
    ).toBe(409);

    expect(
      (
        await staff(`/monitor/comments/${first.feedbackId}/moderation`, env.monitor, {
          action: 'hide',
          reason: '含人身攻击',
        })
      ).body,
    ).toMatchObject({ from: 'published', to: 'hidden' });
    expect((await publicComments()).map((c) => c.feedbackId)).not.toContain(first.feedbackId);

    const records = (await store.scanAll()).filter((i) => i.type === 'feedback');
    expect(records.find((r) => r.feedbackId === first.feedbackId)).toMatchObject({
      rating: 5,
      commentStatus: 'hidden',
    });
    expect(records.find((r) => r.feedbackId === second.feedbackId)).toMatchObject({
      rating: 3,
      commentStatus: 'rejected',
    });

    expect(
      (await staff('/monitor/comments?status=rejected', env.monitor)).body.items.map((c: Body) => c.feedbackId),
    ).toEqual([second.feedbackId]);
    expect(
      (await staff('/monitor/comments?status=hidden', env.monitor)).body.items.map((c: Body) => c.feedbackId),
    ).toEqual([first.feedbackId]);
    expect((await staff('/monitor/comments?status=published', env.monitor)).status).toBe(400);
  });

  it('moderates in bulk, applying what it can and reporting each item that failed', async () => {
    const a = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 4, comment: '批量一' });
    const b = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 2, comment: '批量二' });
    const res = await staff('/monitor/comments/moderation', env.monitor, {
      items: [
        { feedbackId: a.feedbackId, action: 'publish' },
        { feedbackId: b.feedbackId, action: 'reject', reason: '与指标无关' },
        { feedbackId: second.feedbackId, action: 'hide', reason: 'already rejected' },
        { feedbackId: '00000000-0000-4000-8000-000000000000', action: 'publish' },
      ],
    });
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({ done: 2, failed: 2 });
    expect(res.body.results.map((r: Body) => r.outcome)).toEqual(['done', 'done', 'failed', 'failed']);
    expect(res.body.results[2]).toMatchObject({ problem: 'invalid-state' });
    expect(res.body.results[3]).toMatchObject({ problem: 'not-found' });
    expect(
      (
        await staff('/monitor/comments/moderation', env.monitor, {
          items: [{ feedbackId: a.feedbackId, action: 'reject' }],
        })
      ).status,
    ).toBe(400);
  });

  it('reports an item moderated by someone else at the same moment as failed, and goes ahead with the rest', async () => {
    const a = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 4, comment: '并发一' });
    const b = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '并发二' });
    const racing = {
      ...env.deps,
      moderation: {
        ...env.deps.moderation,
        setCommentStatus: (async (ref, ...rest) => {
          if (ref.feedbackId === a.feedbackId)
            throw new ConflictError('the comment was moderated concurrently; reload it');
          return env.deps.moderation.setCommentStatus(ref, ...rest);
        }) as typeof env.deps.moderation.setCommentStatus,
      },
    };
    const actor = { sub: 'sub-zhao', name: 'zhao.min', roles: ['monitor' as const] };
    const outcome = await moderateMany(
      racing,
      [
        { feedbackId: a.feedbackId, action: 'publish' },
        { feedbackId: b.feedbackId, action: 'publish' },
      ],
      actor,
      new Date(env.now()),
    );
    expect(outcome).toMatchObject({ done: 1, failed: 1 });
    expect(outcome.results[0]).toMatchObject({ outcome: 'failed', problem: 'conflict' });
    expect(outcome.results[1]).toMatchObject({ outcome: 'done', to: 'published' });
  });

  it('counts one flag per voter; enough of them mark the comment under review and leave it public', async () => {
    const c = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '全是假数据' });
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, env.monitor, { action: 'publish' });
    const flag = async (voter: Record<string, string>, reason = 'offensive') => {
      const res = await env.app.request(`/api/v1/comments/${c.feedbackId}/flags`, json({ reason }, voter));
      return { status: res.status, body: (await res.json()) as Body };
    };
    const voter = newVoter();
    expect(await flag(voter)).toMatchObject({ status: 201, body: { alreadyFlagged: false } });
    expect(await flag(voter, 'spam')).toMatchObject({ status: 200, body: { alreadyFlagged: true } });
    expect((await flag(newVoter(), 'rude')).status).toBe(400);
    await flag(newVoter());
    expect((await publicComments()).find((x) => x.feedbackId === c.feedbackId)).toMatchObject({ underReview: false });
    // The third: the answer is the same as any flag's, and says nothing of how many there are.
    expect(await flag(newVoter(), 'personal-data')).toEqual({
      status: 201,
      body: { feedbackId: c.feedbackId, flagged: true, alreadyFlagged: false },
    });
    expect((await publicComments()).find((x) => x.feedbackId === c.feedbackId)).toMatchObject({
      underReview: true,
      comment: '全是假数据',
    });
    expect((await flaggedQueue()).filter((x) => x.feedbackId === c.feedbackId)).toEqual([
      expect.objectContaining({ commentStatus: 'published', queueReason: 'flagged', underReview: true, flagCount: 3 }),
    ]);
    // Kept by a monitor (publish, on a comment under review): its flags start again from zero.
    expect(
      (await staff(`/monitor/comments/${c.feedbackId}/moderation`, env.monitor, { action: 'publish' })).body,
    ).toMatchObject({ from: 'published', to: 'published', changed: true });
    expect(await recordOf(c.feedbackId)).toMatchObject({ commentStatus: 'published', flagCount: 0, rating: 1 });
    // A voter who flagged it once cannot flag it again.
    expect(await flag(voter)).toMatchObject({ status: 200, body: { alreadyFlagged: true } });
    // Hidden, it cannot be flagged: it is not public.
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, env.monitor, { action: 'hide', reason: '不实信息' });
    expect((await flag(newVoter())).status).toBe(404);
  });

  it('counts flags from one address once, so cookieless requests from one machine do nothing', async () => {
    const id = await publishedComment('数据更新太慢');
    // Three requests without a cookie, each given a new voter, from one address.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await flagFrom(id, '203.0.113.7')).status);
    expect(statuses).toEqual([201, 200, 200]);
    expect((await publicComments()).find((x) => x.feedbackId === id)).toMatchObject({ underReview: false });
    expect((await flaggedQueue()).map((x) => x.feedbackId)).not.toContain(id);
    // Two more addresses make three distinct flaggers: a monitor is asked; the comment stays.
    await flagFrom(id, '203.0.113.8');
    await flagFrom(id, '198.51.100.9');
    expect((await publicComments()).find((x) => x.feedbackId === id)).toMatchObject({ underReview: true });
    expect((await flaggedQueue()).map((x) => x.feedbackId)).toContain(id);
    await staff(`/monitor/comments/${id}/moderation`, env.monitor, { action: 'publish' });
  });

  it('leaves the rating counts alone and moves the comment counts', async () => {
    await env.aggregateAnHourLater();
    const counts = await aggregationRepository(store.current).readCounts('all');
    const gdp = counts.get('licheng-14th/indicator#gdp')!;
    const ratings = (await store.scanAll()).filter((i) => i.type === 'feedback' && i.targetId === 'gdp');
    expect(gdp.histogram.reduce((a, b) => a + b, 0)).toBe(ratings.length);
    expect(gdp.comments.hidden).toBe(ratings.filter((r) => r.commentStatus === 'hidden').length);
    expect(gdp.comments.published).toBe(ratings.filter((r) => r.commentStatus === 'published').length);
  });
});
