import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { moderationRepository } from '../../shared/store/moderation-repository.js';
import { json, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  ({ app, deps } = testApp(store.current, { clock: () => new Date('2025-06-15T04:00:00Z') }));
});

type Body = Record<string, any>;
const submit = async (body: unknown, headers: Record<string, string> = {}) => {
  const res = await app.request('/api/v1/feedback', json(body, headers));
  return { res, body: (await res.json()) as Body };
};
const newVoter = () => deps.voterTokens.issue().token;

describe('POST /api/v1/feedback', () => {
  it('records a rating without an account and issues a signed voter token as an HttpOnly cookie and a header', async () => {
    const { res, body } = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 4 });
    expect(res.status).toBe(201);
    expect(body).toMatchObject({
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 4,
      year: 2025,
      status: 'recorded',
      commentStatus: 'none',
      replaced: false,
    });
    // Self-locating: the shard and time of its record, then a UUID (shared/feedback/feedback-id.ts).
    expect(body.feedbackId).toMatch(/^\d{2}-20250615T040000000Z-[0-9a-f-]{36}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^gp_voter=v1\.[\w-]{22}\.[\w-]{24};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Secure');
    expect(deps.voterTokens.verify(res.headers.get('x-voter-token')!)).not.toBeNull();
  });

  it('replaces the voter’s earlier rating of the same target in the same year, keeping the earlier one as history', async () => {
    const token = newVoter();
    const first = await submit(
      { targetType: 'project', targetId: readPlanFile().projects[0]!.id, rating: 2, comment: '进度太慢' },
      { 'X-Voter-Token': token },
    );
    expect(first.body).toMatchObject({ replaced: false, commentStatus: 'pending' });
    const second = await submit(
      { targetType: 'project', targetId: readPlanFile().projects[0]!.id, rating: 5 },
      { 'X-Voter-Token': token },
    );
    expect(second.res.status).toBe(201);
    expect(second.body).toMatchObject({ replaced: true, replacedFeedbackId: first.body.feedbackId, rating: 5 });
    expect(second.res.headers.get('set-cookie')).toBeNull();

    const items = await store.scanAll();
    const records = items.filter((i) => i.type === 'feedback' && i.voterId === deps.voterTokens.verify(token));
    expect(records.map((r) => [r.rating, r.comment])).toEqual(
      expect.arrayContaining([
        [2, '进度太慢'],
        [5, null],
      ]),
    );
    expect(records.find((r) => r.rating === 5)?.replaces).toEqual({
      feedbackId: first.body.feedbackId,
      rating: 2,
      recordedAt: '2025-06-15T04:00:00.000Z',
    });

    const mine = await app.request('/api/v1/me/feedback', { headers: { 'X-Voter-Token': token } });
    const list = (await mine.json()) as Body;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ rating: 5, revisions: 2, feedbackId: second.body.feedbackId });
  });

  it('keeps one rating per voter even when the same voter submits many times at once', async () => {
    const token = newVoter();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 4, 3, 2].map((rating) =>
        submit({ targetType: 'indicator', targetId: 'tourist-visits', rating }, { 'X-Voter-Token': token }),
      ),
    );
    expect(answers.every((a) => a.res.status === 201)).toBe(true);
    const records = (await store.scanAll()).filter((i) => i.type === 'feedback' && i.targetId === 'tourist-visits');
    // Each record replaces exactly the one before it: a single chain, nothing counted twice.
    const replaced = records.map((r) => (r.replaces as Body | null)?.feedbackId).filter(Boolean);
    expect(new Set(replaced).size).toBe(7);
    expect(records.filter((r) => r.replaces === null)).toHaveLength(1);
    const ballots = (await store.scanAll()).filter((i) => i.type === 'ballot' && i.targetId === 'tourist-visits');
    expect(ballots).toHaveLength(1);
    expect(ballots[0]!.revision).toBe(8);
  });

  it('counts a voter separately per target, and a browser cookie identifies the voter like the header', async () => {
    const first = await app.request(
      '/api/v1/feedback',
      json({ targetType: 'indicator', targetId: 'retail-sales', rating: 3 }),
    );
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    const second = await app.request(
      '/api/v1/feedback',
      json({ targetType: 'indicator', targetId: 'export-value', rating: 1 }, { Cookie: cookie }),
    );
    expect(second.status).toBe(201);
    expect(((await second.json()) as Body).replaced).toBe(false);
    const mine = (await (await app.request('/api/v1/me/feedback', { headers: { Cookie: cookie } })).json()) as Body;
    expect(mine.items.map((i: Body) => i.targetId).sort()).toEqual(['export-value', 'retail-sales']);
    const one = (await (
      await app.request('/api/v1/me/feedback?targetType=indicator&targetId=export-value', {
        headers: { Cookie: cookie },
      })
    ).json()) as Body;
    expect(one.items.map((i: Body) => [i.targetId, i.rating])).toEqual([['export-value', 1]]);
  });

  it('stores comments pending, normalised to NFC, without control characters, and the rating counts anyway', async () => {
    const token = newVoter();
    const { body } = await submit(
      {
        targetType: 'indicator',
        targetId: 'pm25-concentration',
        rating: 1,
        comment: '  Cafe\u0301\u0007 空气\r\n不好\u0000  ',
      },
      { 'X-Voter-Token': token },
    );
    expect(body.commentStatus).toBe('pending');
    const mine = (await (
      await app.request('/api/v1/me/feedback', { headers: { 'X-Voter-Token': token } })
    ).json()) as Body;
    expect(mine.items[0]).toMatchObject({ rating: 1, comment: 'Café 空气\n不好', commentStatus: 'pending' });
  });

  it('accepts a comment of exactly 2,000 characters, counting an emoji as one, and refuses 2,001', async () => {
    const ok = await submit(
      { targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '😀'.repeat(2000) },
      { 'X-Voter-Token': newVoter() },
    );
    expect(ok.res.status).toBe(201);
    const tooLong = await submit(
      { targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '评'.repeat(2001) },
      { 'X-Voter-Token': newVoter() },
    );
    expect(tooLong.res.status).toBe(400);
    expect(tooLong.body.errors[0].path).toBe('comment');
  });

  it('never stores the client’s IP address', async () => {
    await submit(
      { targetType: 'indicator', targetId: 'gdp', rating: 5 },
      { 'X-Forwarded-For': '203.0.113.77', 'X-Real-IP': '203.0.113.77' },
    );
    expect(JSON.stringify(await store.scanAll())).not.toContain('203.0.113.77');
  });
});

describe('POST /api/v1/feedback refuses what a client must fix, and stores nothing', () => {
  const cases: Array<[string, RequestInit, number, string]> = [
    ['a rating of 6', json({ targetType: 'indicator', targetId: 'gdp', rating: 6 }), 400, 'validation-failed'],
    ['a rating of 0', json({ targetType: 'indicator', targetId: 'gdp', rating: 0 }), 400, 'validation-failed'],
    ['a fractional rating', json({ targetType: 'indicator', targetId: 'gdp', rating: 4.5 }), 400, 'validation-failed'],
    ['a rating as a string', json({ targetType: 'indicator', targetId: 'gdp', rating: '5' }), 400, 'validation-failed'],
    [
      'an unknown field',
      json({ targetType: 'indicator', targetId: 'gdp', rating: 5, voterId: 'x' }),
      400,
      'validation-failed',
    ],
    ['a missing field', json({ targetType: 'indicator', rating: 5 }), 400, 'validation-failed'],
    [
      'an unknown target type',
      json({ targetType: 'department', targetId: 'gdp', rating: 5 }),
      400,
      'validation-failed',
    ],
    ['an unknown target', json({ targetType: 'indicator', targetId: 'no-such-thing', rating: 5 }), 404, 'not-found'],
    [
      'a path in the target id',
      json({ targetType: 'indicator', targetId: '../gdp', rating: 5 }),
      400,
      'validation-failed',
    ],
    [
      'a lone surrogate in the comment',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"targetType":"indicator","targetId":"gdp","rating":5,"comment":"\\ud800"}',
      },
      400,
      'validation-failed',
    ],
    [
      'malformed JSON',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"rating":' },
      400,
      'malformed-body',
    ],
    [
      'an empty body',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '' },
      400,
      'malformed-body',
    ],
    [
      'invalid UTF-8',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      },
      400,
      'malformed-body',
    ],
    [
      'a form body',
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'rating=5' },
      415,
      'unsupported-media-type',
    ],
    ['no content type', { method: 'POST', body: '{}' }, 415, 'unsupported-media-type'],
    [
      'a body over 16 KiB',
      json({ targetType: 'indicator', targetId: 'gdp', rating: 5, comment: 'x'.repeat(17 * 1024) }),
      413,
      'payload-too-large',
    ],
    [
      'a forged voter token',
      json(
        { targetType: 'indicator', targetId: 'gdp', rating: 5 },
        { 'X-Voter-Token': 'v1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA' },
      ),
      401,
      'invalid-voter-token',
    ],
  ];

  it.each(cases)('%s', async (_name, init, status, type) => {
    const before = (await store.scanAll()).length;
    const res = await app.request('/api/v1/feedback', init);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as Body;
    expect(problem).toMatchObject({ type: `urn:gongping:problem:${type}`, status });
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect((await store.scanAll()).length).toBe(before);
  });
});

describe('GET /api/v1/{indicators|projects}/{id}/comments', () => {
  it('shows only published comments, newest first, without voter ids, in pages joined by a cursor', async () => {
    const moderation = moderationRepository(store.current);
    const published: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { body } = await submit(
        { targetType: 'indicator', targetId: 'green-coverage', rating: 4, comment: `意见 ${i}` },
        { 'X-Voter-Token': newVoter() },
      );
      const record = (await store.scanAll()).find((item) => item.feedbackId === body.feedbackId)!;
      if (i !== 2) {
        await moderation.setCommentStatus(
          { shard: record.shard as number, recordedAt: record.recordedAt as string, feedbackId: body.feedbackId },
          'published',
          new Date(Date.UTC(2025, 5, 16, 0, i)),
        );
        published.push(`意见 ${i}`);
      }
    }
    const page1 = (await (await app.request('/api/v1/indicators/green-coverage/comments?limit=3')).json()) as Body;
    expect(page1.items.map((c: Body) => c.comment)).toEqual(['意见 4', '意见 3', '意见 1']);
    expect(JSON.stringify(page1)).not.toContain('voterId');
    const page2 = (await (
      await app.request(`/api/v1/indicators/green-coverage/comments?limit=3&cursor=${page1.nextCursor}`)
    ).json()) as Body;
    expect(page2.items.map((c: Body) => c.comment)).toEqual(['意见 0']);
    expect(page2.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue, and answers 404 for an unknown target', async () => {
    const forged = Buffer.from(JSON.stringify({ s: 'x', p: 'VOTER#abc', k: 'BALLOT#x' })).toString('base64url');
    const res = await app.request(`/api/v1/indicators/gdp/comments?cursor=${forged}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).type).toBe('urn:gongping:problem:invalid-cursor');
    expect((await app.request('/api/v1/indicators/gdp/comments?cursor=%%%')).status).toBe(400);
    expect((await app.request('/api/v1/projects/b99-none/comments')).status).toBe(404);
    expect((await app.request('/api/v1/indicators/gdp/comments?limit=1000')).status).toBe(400);
  });
});

describe('GET /api/v1/me/feedback', () => {
  it('answers an empty list to a caller who has never rated, and is never cached', async () => {
    const res = await app.request('/api/v1/me/feedback');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [] });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses half a target filter', async () => {
    expect((await app.request('/api/v1/me/feedback?targetType=indicator')).status).toBe(400);
  });
});
