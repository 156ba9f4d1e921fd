import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregate } from '../../shared/ratings/aggregate.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { auditKey, flagReviewKey } from '../../shared/store/keys.js';
import { behindTrustedProxy, json, testApp } from '../helpers/api.js';
import { testIdentity } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';
import { auditRepository } from '../../shared/store/audit-repository.js';
import { moderateMany } from '../../shared/moderation/moderate.js';
import { ConflictError } from '../../shared/errors.js';

const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let monitor: Record<string, string>;
let admin: Record<string, string>;
let now = Date.parse('2025-06-16T02:00:00Z');

type Body = Record<string, any>;
const newVoter = () => ({ 'X-Voter-Token': deps.voterTokens.issue().token });
const submit = async (body: Record<string, unknown>, voter = newVoter()) => {
  const res = await app.request('/api/v1/feedback', json(body, voter));
  expect(res.status).toBe(201);
  now += 60_000;
  return (await res.json()) as Body;
};
const staff = async (path: string, headers: Record<string, string>, body?: unknown) => {
  const res = await app.request(`/api/v1${path}`, body === undefined ? { headers } : json(body, headers));
  now += 1000;
  return { status: res.status, body: (await res.json()) as Body };
};
const publicComments = async (target = 'indicators/gdp') =>
  ((await (await app.request(`/api/v1/${target}/comments`)).json()) as Body).items as Body[];
/** A citizen's flag, from a client address as the trusted proxy names it (no cookie: a new voter each time). */
const flagFrom = async (feedbackId: string, address: string, reason = 'spam') => {
  const res = await app.request(
    `/api/v1/comments/${feedbackId}/flags`,
    json({ reason }, { 'CloudFront-Viewer-Address': `${address}:50000` }),
  );
  return { status: res.status, body: (await res.json()) as Body };
};
/** A comment on GDP, approved by a monitor: the newest on the public page. */
const publishedComment = async (comment: string, rating = 2) => {
  const c = await submit({ targetType: 'indicator', targetId: 'gdp', rating, comment });
  expect((await staff(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'publish' })).status).toBe(
    200,
  );
  return c.feedbackId as string;
};
const flaggedQueue = async () =>
  (await staff('/monitor/comments?reason=flagged&limit=100', monitor)).body.items as Body[];
const recordOf = async (feedbackId: string) =>
  (await store.scanAll()).find((i) => i.type === 'feedback' && i.feedbackId === feedbackId)!;
const reviewItemsOf = async (feedbackId: string) =>
  (await store.scanAll()).filter((i) => i.type === 'flag-review' && i.feedbackId === feedbackId);

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  const identity = await testIdentity();
  // Flags are counted per client address: the tests name each client's address, as CloudFront would.
  ({ app, deps } = testApp(store.current, {
    ...behindTrustedProxy,
    staffAuth: identity.verifier,
    clock: () => new Date(now),
    flagThreshold: 3,
  }));
  monitor = await identity.bearer(['monitor'], { name: 'zhao.min', sub: 'sub-zhao' });
  admin = await identity.bearer(['admin'], { name: 'qian.admin', sub: 'sub-qian' });
});

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
    const queue = await staff('/monitor/comments', monitor);
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
    await staff(`/monitor/comments/${answer.feedbackId}/moderation`, monitor, { action: 'publish' });
    const shown = (await publicComments()).find((c) => c.feedbackId === answer.feedbackId)!;
    expect(shown.comment).toBe('手机【已隐去：电话】，请回电');
  });
});

describe('the moderation queue', () => {
  let first: Body;
  let second: Body;
  let third: Body;

  it('lists pending comments oldest first, by target, reason and age', async () => {
    now += 48 * 3600_000;
    first = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 5, comment: '增长不错' });
    second = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '希望公布季度数据' });
    third = await submit({
      targetType: 'project',
      targetId: readPlanFile().projects[0]!.id,
      rating: 4,
      comment: '进度可以',
    });
    const all = await staff('/monitor/comments', monitor);
    expect(all.status).toBe(200);
    const ids = all.body.items.map((c: Body) => c.feedbackId);
    expect(ids.indexOf(first.feedbackId)).toBeLessThan(ids.indexOf(second.feedbackId));
    const gdp = await staff('/monitor/comments?targetType=indicator&targetId=gdp', monitor);
    expect(gdp.body.items.every((c: Body) => c.targetId === 'gdp')).toBe(true);
    expect(gdp.body.items.map((c: Body) => c.feedbackId)).not.toContain(third.feedbackId);
    // The first test's comment has waited two days; these three a few minutes.
    const old = await staff('/monitor/comments?olderThanHours=24', monitor);
    expect(old.body.items).toHaveLength(1);
    const fresh = await staff('/monitor/comments?newerThanHours=1', monitor);
    expect(fresh.body.items.map((c: Body) => c.feedbackId).sort()).toEqual(
      [first, second, third].map((c) => c.feedbackId).sort(),
    );
    const page = await staff('/monitor/comments?limit=2', monitor);
    expect(page.body.items).toHaveLength(2);
    const next = await staff(`/monitor/comments?limit=2&cursor=${page.body.nextCursor}`, monitor);
    expect(next.body.items.map((c: Body) => c.feedbackId)).not.toContain(page.body.items[0].feedbackId);
    expect((await staff('/monitor/comments?cursor=bm9wZQ', monitor)).status).toBe(400);
  });

  it('publishes, rejects with a reason, and hides a published comment; the text only, never the rating', async () => {
    expect(
      (await staff(`/monitor/comments/${first.feedbackId}/moderation`, monitor, { action: 'publish' })).body,
    ).toMatchObject({ from: 'pending', to: 'published', changed: true });
    expect((await publicComments()).map((c) => c.feedbackId)).toContain(first.feedbackId);

    const noReason = await staff(`/monitor/comments/${second.feedbackId}/moderation`, monitor, { action: 'reject' });
    expect(noReason.status).toBe(400);
    expect(
      (await staff(`/monitor/comments/${second.feedbackId}/moderation`, monitor, { action: 'reject', reason: '广告' }))
        .body,
    ).toMatchObject({ to: 'rejected' });
    // Hiding applies to published comments only.
    expect(
      (await staff(`/monitor/comments/${third.feedbackId}/moderation`, monitor, { action: 'hide', reason: 'x' }))
        .status,
    ).toBe(409);

    expect(
      (
        await staff(`/monitor/comments/${first.feedbackId}/moderation`, monitor, {
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
      (await staff('/monitor/comments?status=rejected', monitor)).body.items.map((c: Body) => c.feedbackId),
    ).toEqual([second.feedbackId]);
    expect((await staff('/monitor/comments?status=hidden', monitor)).body.items.map((c: Body) => c.feedbackId)).toEqual(
      [first.feedbackId],
    );
    expect((await staff('/monitor/comments?status=published', monitor)).status).toBe(400);
  });

  it('moderates in bulk, applying what it can and reporting each item that failed', async () => {
    const a = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 4, comment: '批量一' });
    const b = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 2, comment: '批量二' });
    const res = await staff('/monitor/comments/moderation', monitor, {
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
        await staff('/monitor/comments/moderation', monitor, {
          items: [{ feedbackId: a.feedbackId, action: 'reject' }],
        })
      ).status,
    ).toBe(400);
  });

  it('reports an item moderated by someone else at the same moment as failed, and goes ahead with the rest', async () => {
    const a = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 4, comment: '并发一' });
    const b = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '并发二' });
    const racing = {
      ...deps,
      moderation: {
        ...deps.moderation,
        setCommentStatus: (async (ref, ...rest) => {
          if (ref.feedbackId === a.feedbackId)
            throw new ConflictError('the comment was moderated concurrently; reload it');
          return deps.moderation.setCommentStatus(ref, ...rest);
        }) as typeof deps.moderation.setCommentStatus,
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
      new Date(now),
    );
    expect(outcome).toMatchObject({ done: 1, failed: 1 });
    expect(outcome.results[0]).toMatchObject({ outcome: 'failed', problem: 'conflict' });
    expect(outcome.results[1]).toMatchObject({ outcome: 'done', to: 'published' });
  });

  it('counts one flag per voter; enough of them mark the comment under review and leave it public', async () => {
    const c = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '全是假数据' });
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'publish' });
    const flag = async (voter: Record<string, string>, reason = 'offensive') => {
      const res = await app.request(`/api/v1/comments/${c.feedbackId}/flags`, json({ reason }, voter));
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
      (await staff(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'publish' })).body,
    ).toMatchObject({ from: 'published', to: 'published', changed: true });
    expect(await recordOf(c.feedbackId)).toMatchObject({ commentStatus: 'published', flagCount: 0, rating: 1 });
    // A voter who flagged it once cannot flag it again.
    expect(await flag(voter)).toMatchObject({ status: 200, body: { alreadyFlagged: true } });
    // Hidden, it cannot be flagged: it is not public.
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'hide', reason: '不实信息' });
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
    await staff(`/monitor/comments/${id}/moderation`, monitor, { action: 'publish' });
  });

  it('leaves the rating counts alone and moves the comment counts', async () => {
    await aggregate({
      repo: aggregationRepository(store.current),
      targets: () => Promise.resolve({ categoryOf: () => null }),
      clock: () => new Date(now + 3600_000),
      settleMs: 0,
      maxBatch: 10_000,
      minRatings: 3,
    });
    const counts = await aggregationRepository(store.current).readCounts('all');
    const gdp = counts.get('licheng-14th/indicator#gdp')!;
    const ratings = (await store.scanAll()).filter((i) => i.type === 'feedback' && i.targetId === 'gdp');
    expect(gdp.histogram.reduce((a, b) => a + b, 0)).toBe(ratings.length);
    expect(gdp.comments.hidden).toBe(ratings.filter((r) => r.commentStatus === 'hidden').length);
    expect(gdp.comments.published).toBe(ratings.filter((r) => r.commentStatus === 'published').length);
  });
});

describe('flags from a botnet (issue 14 §2)', () => {
  /**
   * Three addresses are all it takes to reach the threshold, and a botnet has thousands. Flags must
   * never silence a comment: at most they put it in front of a monitor, who keeps it or hides it.
   */
  let attacked: string;

  it('leaves a comment that three addresses flag on the public list and page, marked under review', async () => {
    attacked = await publishedComment('区里公布的GDP增速和统计公报对不上，请解释', 1);
    const answers = [];
    for (const address of ['203.0.113.21', '203.0.113.22', '203.0.113.23'])
      answers.push(await flagFrom(attacked, address));
    // Each is told its flag was taken, and nothing more: not how many, not what happened.
    expect(answers).toEqual(
      Array.from({ length: 3 }, () => ({
        status: 201,
        body: { feedbackId: attacked, flagged: true, alreadyFlagged: false },
      })),
    );

    expect((await publicComments()).find((x) => x.feedbackId === attacked)).toMatchObject({
      comment: '区里公布的GDP增速和统计公报对不上，请解释',
      underReview: true,
    });
    const zh = await (await app.request('/indicators/gdp')).text();
    expect(zh).toContain('区里公布的GDP增速和统计公报对不上，请解释');
    expect(zh).toContain('复核中');
    const en = await (await app.request('/indicators/gdp', { headers: { Cookie: 'lang=en' } })).text();
    expect(en).toContain('Under review');
    expect(await recordOf(attacked)).toMatchObject({
      commentStatus: 'published',
      flagCount: 3,
      underReviewSince: expect.any(String),
    });
    // Published is published: the open data keeps it.
    expect(await (await app.request('/api/v1/open-data/comments.csv')).text()).toContain(
      '区里公布的GDP增速和统计公报对不上，请解释',
    );
  });

  it('puts it in the monitors’ queue, by the time it was flagged, once, with an audit entry saying it was sent for review', async () => {
    const queue = (await staff('/monitor/comments?limit=100', monitor)).body.items as Body[];
    const entries = queue.filter((x) => x.feedbackId === attacked);
    expect(entries).toEqual([
      expect.objectContaining({
        commentStatus: 'published',
        queueReason: 'flagged',
        underReview: true,
        flagCount: 3,
        since: (await recordOf(attacked)).underReviewSince,
      }),
    ]);
    // Oldest first, the pending comments and the flagged ones alike.
    const times = queue.map((x) => x.since);
    expect([...times].sort()).toEqual(times);
    expect((await flaggedQueue()).map((x) => x.feedbackId)).toContain(attacked);
    expect(
      ((await staff('/monitor/comments?reason=new&limit=100', monitor)).body.items as Body[]).map((x) => x.feedbackId),
    ).not.toContain(attacked);
    expect(
      (
        (await staff('/monitor/comments?targetType=indicator&targetId=gdp&limit=100', monitor)).body.items as Body[]
      ).map((x) => x.feedbackId),
    ).toContain(attacked);
    // More flags change nothing: one entry, still public.
    expect((await flagFrom(attacked, '203.0.113.24')).status).toBe(201);
    expect(await reviewItemsOf(attacked)).toHaveLength(1);
    expect((await flaggedQueue()).filter((x) => x.feedbackId === attacked)).toHaveLength(1);

    const audit = (await deps.audit.list({ limit: 200 })).items.filter(
      (e) => e.subject.id === attacked && e.action.startsWith('comment.'),
    );
    expect(audit.map((e) => e.action)).toEqual(['comment.review', 'comment.publish']);
    expect(audit[0]).toMatchObject({ actor: { kind: 'system' }, reason: expect.stringContaining('sent for review') });
  });

  it('pages through the queue across its entry, one comment at a time', async () => {
    const whole = ((await staff('/monitor/comments?limit=100', monitor)).body.items as Body[]).map((x) => x.feedbackId);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await staff(`/monitor/comments?limit=1${cursor ? `&cursor=${cursor}` : ''}`, monitor);
      expect(page.status).toBe(200);
      paged.push(...(page.body.items as Body[]).map((x) => x.feedbackId as string));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);
    expect(paged).toContain(attacked);
  });

  it('a monitor keeps it: the mark goes, it leaves the queue, its flags start again from zero', async () => {
    const kept = await staff(`/monitor/comments/${attacked}/moderation`, monitor, { action: 'publish' });
    expect(kept).toMatchObject({
      status: 200,
      body: { action: 'publish', from: 'published', to: 'published', changed: true },
    });
    expect((await publicComments()).find((x) => x.feedbackId === attacked)).toMatchObject({ underReview: false });
    expect(await (await app.request('/indicators/gdp')).text()).not.toContain('复核中');
    expect((await flaggedQueue()).map((x) => x.feedbackId)).not.toContain(attacked);
    expect(await reviewItemsOf(attacked)).toEqual([]);
    const record = await recordOf(attacked);
    expect(record).toMatchObject({ commentStatus: 'published', flagCount: 0, kept: { by: 'zhao.min (sub-zhao)' } });
    expect(record.underReviewSince).toBeUndefined();
    const [entry] = (await deps.audit.list({ limit: 1, action: 'comment.keep' })).items;
    expect(entry).toMatchObject({ actor: { name: 'zhao.min' }, subject: { id: attacked } });
    // Keeping again is a repeated request: nothing changes.
    expect(
      (await staff(`/monitor/comments/${attacked}/moderation`, monitor, { action: 'publish' })).body,
    ).toMatchObject({ changed: false });

    // The same addresses cannot flag it again; three new ones send it for review again, once.
    expect((await flagFrom(attacked, '203.0.113.21')).status).toBe(200);
    for (const address of ['203.0.113.31', '203.0.113.32']) await flagFrom(attacked, address);
    expect((await flaggedQueue()).map((x) => x.feedbackId)).not.toContain(attacked);
    await flagFrom(attacked, '203.0.113.33');
    expect((await flaggedQueue()).filter((x) => x.feedbackId === attacked)).toHaveLength(1);
    expect((await publicComments()).find((x) => x.feedbackId === attacked)).toMatchObject({ underReview: true });
  });

  it('a monitor hides it: off the public list and page, out of the queue', async () => {
    expect(
      (
        await staff(`/monitor/comments/${attacked}/moderation`, monitor, {
          action: 'hide',
          reason: '与事实不符，已核实',
        })
      ).body,
    ).toMatchObject({ from: 'published', to: 'hidden' });
    expect((await publicComments()).map((x) => x.feedbackId)).not.toContain(attacked);
    expect(await (await app.request('/indicators/gdp')).text()).not.toContain('区里公布的GDP增速和统计公报对不上');
    expect(
      (await staff('/monitor/comments?limit=100', monitor)).body.items.map((x: Body) => x.feedbackId),
    ).not.toContain(attacked);
    expect(
      (await staff('/monitor/comments?status=hidden', monitor)).body.items.map((x: Body) => x.feedbackId),
    ).toContain(attacked);
    expect(await reviewItemsOf(attacked)).toEqual([]);
    expect((await recordOf(attacked)).underReviewSince).toBeUndefined();
  });

  it('makes one queue entry and one audit entry when flags cross the threshold at the same moment', async () => {
    const id = await publishedComment('公交线路调整没有征求意见');
    await flagFrom(id, '198.51.100.41');
    await flagFrom(id, '198.51.100.42');
    // Each of these brings the count to the threshold or past it.
    const answers = await Promise.all(
      ['198.51.100.43', '198.51.100.44', '198.51.100.45', '198.51.100.46'].map((address) => flagFrom(id, address)),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(await reviewItemsOf(id)).toHaveLength(1);
    expect((await flaggedQueue()).filter((x) => x.feedbackId === id)).toHaveLength(1);
    expect(
      (await deps.audit.list({ limit: 200, action: 'comment.review' })).items.filter((e) => e.subject.id === id),
    ).toHaveLength(1);
    expect(await recordOf(id)).toMatchObject({ commentStatus: 'published', flagCount: 6 });
    expect((await publicComments()).find((x) => x.feedbackId === id)).toMatchObject({ underReview: true });
    await staff(`/monitor/comments/${id}/moderation`, monitor, { action: 'publish' });
  });

  it('does not show a queue entry whose comment a monitor hid while a flag was queuing it', async () => {
    const id = await publishedComment('路灯维修太慢');
    for (const address of ['192.0.2.51', '192.0.2.52', '192.0.2.53']) await flagFrom(id, address);
    const [pointer] = await reviewItemsOf(id);
    expect(pointer).toBeDefined();
    await staff(`/monitor/comments/${id}/moderation`, monitor, { action: 'hide', reason: '重复' });
    // The flag that marked it writes its queue entry only now, after the monitor's decision.
    await store.current.client.send(new PutCommand({ TableName: store.current.tableName, Item: pointer }));
    expect(await reviewItemsOf(id)).toHaveLength(1);
    expect(
      (await staff('/monitor/comments?limit=100', monitor)).body.items.map((x: Body) => x.feedbackId),
    ).not.toContain(id);
    // Nor one left from a review a monitor already decided, on a comment that is public again.
    await staff(`/monitor/comments/${id}/moderation`, monitor, { action: 'publish' });
    expect((await publicComments()).find((x) => x.feedbackId === id)).toMatchObject({ underReview: false });
    expect((await flaggedQueue()).map((x) => x.feedbackId)).not.toContain(id);
    expect(
      (await store.current.client.send(new GetCommand({ TableName: store.current.tableName, Key: flagReviewKey(id) })))
        .Item,
    ).toBeDefined();
  });
});

describe('official replies', () => {
  it('show under a published comment, attributed to a department, with personal data masked', async () => {
    const c = await submit({
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 3,
      comment: '什么时候公布2025年数据？',
    });
    const reply = await staff(`/monitor/comments/${c.feedbackId}/replies`, monitor, {
      department: '鲤城区统计局',
      text: '2025年数据将于2026年3月公布，咨询请致电0531-88123456。',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ public: false, reply: { department: '鲤城区统计局' } });
    expect((await publicComments()).map((x) => x.feedbackId)).not.toContain(c.feedbackId);
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'publish' });
    const shown = (await publicComments()).find((x) => x.feedbackId === c.feedbackId)!;
    expect(shown.replies).toEqual([
      {
        department: '鲤城区统计局',
        text: '2025年数据将于2026年3月公布，咨询请致电【已隐去：电话】。',
        publishedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(shown)).not.toContain('zhao.min');
  });
});

describe('fraud', () => {
  it('is marked by an administrator with a documented reason, once, and the rating leaves the counts', async () => {
    const bought = await submit({ targetType: 'indicator', targetId: 'tourist-visits', rating: 5 });
    const res = await staff(`/admin/ratings/${bought.feedbackId}/fraud`, admin, {
      reason: 'paid ratings traced to one agency, case 2025-031',
    });
    expect(res).toMatchObject({ status: 201, body: { removedFromCounts: true, alreadyMarked: false } });
    expect(
      (
        await staff(`/admin/ratings/${bought.feedbackId}/fraud`, admin, {
          reason: 'paid ratings traced to one agency, again',
        })
      ).body,
    ).toMatchObject({ alreadyMarked: true });
    expect((await staff(`/admin/ratings/${bought.feedbackId}/fraud`, admin, { reason: 'short' })).status).toBe(400);
    expect(
      (await staff(`/admin/ratings/${bought.feedbackId}/fraud`, monitor, { reason: 'a monitor cannot do this' }))
        .status,
    ).toBe(403);
    await aggregate({
      repo: aggregationRepository(store.current),
      targets: () => Promise.resolve({ categoryOf: () => null }),
      clock: () => new Date(now + 3600_000),
      settleMs: 0,
      maxBatch: 10_000,
      minRatings: 3,
    });
    expect(
      (await aggregationRepository(store.current).readCounts('all')).get('licheng-14th/indicator#tourist-visits'),
    ).toBeUndefined();
    expect(
      (await store.scanAll()).find((i) => i.type === 'feedback' && i.feedbackId === bought.feedbackId),
    ).toMatchObject({ rating: 5, fraud: { by: 'qian.admin (sub-qian)' } });
  });
});

describe('the audit log', () => {
  it('has every action with who, when, what and why, newest first, page by page', async () => {
    const page = await staff('/admin/audit?limit=100', admin);
    expect(page.status).toBe(200);
    const actions = page.body.items.map((e: Body) => e.action);
    for (const action of [
      'comment.publish',
      'comment.reject',
      'comment.hide',
      'comment.review',
      'comment.keep',
      'comment.reply',
      'rating.fraud',
    ])
      expect(actions).toContain(action);
    expect(actions).not.toContain('comment.requeue');
    const hide = page.body.items.find((e: Body) => e.action === 'comment.hide' && e.reason === '含人身攻击');
    expect(hide).toMatchObject({
      actor: { kind: 'staff', sub: 'sub-zhao', name: 'zhao.min', roles: ['monitor'] },
      reason: '含人身攻击',
      subject: { type: 'comment' },
    });
    const times = page.body.items.map((e: Body) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const small = await staff('/admin/audit?limit=2', admin);
    const rest = await staff(`/admin/audit?limit=100&cursor=${small.body.nextCursor}`, admin);
    expect(small.body.items.length + rest.body.items.length).toBe(page.body.items.length);
    expect(
      (await staff('/admin/audit?action=comment.hide', admin)).body.items.every(
        (e: Body) => e.action === 'comment.hide',
      ),
    ).toBe(true);
    expect((await staff('/admin/audit', monitor)).status).toBe(403);
  });

  it('filters by time bounds written with or without milliseconds alike', async () => {
    const audit = auditRepository(store.current);
    const entry = await audit.append(
      {
        actor: { kind: 'system', sub: 'system', name: 'test', roles: [] },
        action: 'case.open',
        subject: { type: 'case', id: 'bounds' },
        reason: null,
      },
      new Date('2031-01-01T00:00:35.055Z'),
    );
    const ids = async (bounds: { since?: string; until?: string }) =>
      (await audit.list({ limit: 200, action: 'case.open', ...bounds })).items.map((e) => e.auditId);
    expect(await ids({ since: '2031-01-01T00:00:35Z' })).toEqual([entry.auditId]);
    expect(await ids({ since: '2031-01-01T00:00:00Z', until: '2031-01-01T00:00:35Z' })).toEqual([]);
    expect(await ids({ since: '2031-01-01T00:00:35.055Z', until: '2031-01-01T00:00:35.055Z' })).toEqual([
      entry.auditId,
    ]);
  });

  it('exports as CSV, and no entry can be overwritten', async () => {
    const res = await app.request('/api/v1/admin/audit.csv', { headers: admin });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a byte-order mark, for spreadsheets
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe(
      'at,audit_id,actor_kind,actor_sub,actor_name,actor_roles,action,subject_type,subject_id,reason,details',
    );
    expect(text).toContain('含人身攻击');
    const entry = (await store.scanAll()).find((i) => i.type === 'audit')!;
    await expect(
      store.current.client.send(
        new PutCommand({
          TableName: store.current.tableName,
          Item: { ...auditKey(String(entry.at), String(entry.auditId)), type: 'audit', reason: 'rewritten' },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    ).rejects.toThrow(/conditional/i);
  });
});
