import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { flagReviewKey } from '../../shared/store/keys.js';
import { useModerationApp, type Body } from '../helpers/moderation.js';

const env = useModerationApp();
const { staff, publicComments, flagFrom, publishedComment, flaggedQueue, recordOf, reviewItemsOf, store } = env;

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
    const zh = await (await env.app.request('/indicators/gdp')).text();
    expect(zh).toContain('区里公布的GDP增速和统计公报对不上，请解释');
    expect(zh).toContain('复核中');
    const en = await (await env.app.request('/indicators/gdp', { headers: { Cookie: 'lang=en' } })).text();
    expect(en).toContain('Under review');
    expect(await recordOf(attacked)).toMatchObject({
      commentStatus: 'published',
      flagCount: 3,
      underReviewSince: expect.any(String),
    });
    // Published is published: the open data keeps it.
    expect(await (await env.app.request('/api/v1/open-data/comments.csv')).text()).toContain(
      '区里公布的GDP增速和统计公报对不上，请解释',
    );
  });

  it('puts it in the monitors’ queue, by the time it was flagged, once, with an audit entry saying it was sent for review', async () => {
    const queue = (await staff('/monitor/comments?limit=100', env.monitor)).body.items as Body[];
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
      ((await staff('/monitor/comments?reason=new&limit=100', env.monitor)).body.items as Body[]).map(
        (x) => x.feedbackId,
      ),
    ).not.toContain(attacked);
    expect(
      (
        (await staff('/monitor/comments?targetType=indicator&targetId=gdp&limit=100', env.monitor)).body.items as Body[]
      ).map((x) => x.feedbackId),
    ).toContain(attacked);
    // More flags change nothing: one entry, still public.
    expect((await flagFrom(attacked, '203.0.113.24')).status).toBe(201);
    expect(await reviewItemsOf(attacked)).toHaveLength(1);
    expect((await flaggedQueue()).filter((x) => x.feedbackId === attacked)).toHaveLength(1);

    const audit = (await env.deps.audit.list({ limit: 200 })).items.filter(
      (e) => e.subject.id === attacked && e.action.startsWith('comment.'),
    );
    expect(audit.map((e) => e.action)).toEqual(['comment.review', 'comment.publish']);
    // The system's reason is stored as its code, the numbers it is worded with in the details.
    const review = (await staff('/admin/audit?action=comment.review&limit=100', env.admin)).body.items as Body[];
    const entry = review.find((e) => e.subject.id === attacked)!;
    expect(entry).toMatchObject({ actor: { kind: 'system' }, reason: 'flags-reached-threshold' });
    expect(JSON.parse(entry.details)).toMatchObject({ flags: 3, threshold: 3 });
  });

  it('pages through the queue across its entry, one comment at a time', async () => {
    const whole = ((await staff('/monitor/comments?limit=100', env.monitor)).body.items as Body[]).map(
      (x) => x.feedbackId,
    );
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await staff(`/monitor/comments?limit=1${cursor ? `&cursor=${cursor}` : ''}`, env.monitor);
      expect(page.status).toBe(200);
      paged.push(...(page.body.items as Body[]).map((x) => x.feedbackId as string));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);
    expect(paged).toContain(attacked);
  });

  it('a monitor keeps it: the mark goes, it leaves the queue, its flags start again from zero', async () => {
    const kept = await staff(`/monitor/comments/${attacked}/moderation`, env.monitor, { action: 'publish' });
    expect(kept).toMatchObject({
      status: 200,
      body: { action: 'publish', from: 'published', to: 'published', changed: true },
    });
    expect((await publicComments()).find((x) => x.feedbackId === attacked)).toMatchObject({ underReview: false });
    expect(await (await env.app.request('/indicators/gdp')).text()).not.toContain('复核中');
    expect((await flaggedQueue()).map((x) => x.feedbackId)).not.toContain(attacked);
    expect(await reviewItemsOf(attacked)).toEqual([]);
    const record = await recordOf(attacked);
    expect(record).toMatchObject({ commentStatus: 'published', flagCount: 0, kept: { by: 'zhao.min (sub-zhao)' } });
    expect(record.underReviewSince).toBeUndefined();
    const [entry] = (await env.deps.audit.list({ limit: 1, action: 'comment.keep' })).items;
    expect(entry).toMatchObject({ actor: { name: 'zhao.min' }, subject: { id: attacked } });
    // Keeping again is a repeated request: nothing changes.
    expect(
      (await staff(`/monitor/comments/${attacked}/moderation`, env.monitor, { action: 'publish' })).body,
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
        await staff(`/monitor/comments/${attacked}/moderation`, env.monitor, {
          action: 'hide',
          reason: '与事实不符，已核实',
        })
      ).body,
    ).toMatchObject({ from: 'published', to: 'hidden' });
    expect((await publicComments()).map((x) => x.feedbackId)).not.toContain(attacked);
    expect(await (await env.app.request('/indicators/gdp')).text()).not.toContain('区里公布的GDP增速和统计公报对不上');
    expect(
      (await staff('/monitor/comments?limit=100', env.monitor)).body.items.map((x: Body) => x.feedbackId),
    ).not.toContain(attacked);
    expect(
      (await staff('/monitor/comments?status=hidden', env.monitor)).body.items.map((x: Body) => x.feedbackId),
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
      (await env.deps.audit.list({ limit: 200, action: 'comment.review' })).items.filter((e) => e.subject.id === id),
    ).toHaveLength(1);
    expect(await recordOf(id)).toMatchObject({ commentStatus: 'published', flagCount: 6 });
    expect((await publicComments()).find((x) => x.feedbackId === id)).toMatchObject({ underReview: true });
    await staff(`/monitor/comments/${id}/moderation`, env.monitor, { action: 'publish' });
  });

  it('does not show a queue entry whose comment a monitor hid while a flag was queuing it', async () => {
    const id = await publishedComment('路灯维修太慢');
    for (const address of ['192.0.2.51', '192.0.2.52', '192.0.2.53']) await flagFrom(id, address);
    const [pointer] = await reviewItemsOf(id);
    expect(pointer).toBeDefined();
    await staff(`/monitor/comments/${id}/moderation`, env.monitor, { action: 'hide', reason: '重复' });
    // The flag that marked it writes its queue entry only env.now(), after the monitor's decision.
    await store.current.client.send(new PutCommand({ TableName: store.current.tableName, Item: pointer }));
    expect(await reviewItemsOf(id)).toHaveLength(1);
    expect(
      (await staff('/monitor/comments?limit=100', env.monitor)).body.items.map((x: Body) => x.feedbackId),
    ).not.toContain(id);
    // Nor one left from a review a monitor already decided, on a comment that is public again.
    await staff(`/monitor/comments/${id}/moderation`, env.monitor, { action: 'publish' });
    expect((await publicComments()).find((x) => x.feedbackId === id)).toMatchObject({ underReview: false });
    expect((await flaggedQueue()).map((x) => x.feedbackId)).not.toContain(id);
    expect(
      (await store.current.client.send(new GetCommand({ TableName: store.current.tableName, Key: flagReviewKey(id) })))
        .Item,
    ).toBeDefined();
  });
});
