import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregate } from '../../shared/ratings/aggregate.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { auditKey } from '../../shared/store/keys.js';
import { json, testApp } from '../helpers/api.js';
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
const publicComments = async (target = 'indicators/gdp') => ((await (await app.request(`/api/v1/${target}/comments`)).json()) as Body).items as Body[];

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  const identity = await testIdentity();
  ({ app, deps } = testApp(store.current, { staffAuth: identity.verifier, clock: () => new Date(now), flagThreshold: 3 }));
  monitor = await identity.bearer(['monitor'], { name: 'zhao.min', sub: 'sub-zhao' });
  admin = await identity.bearer(['admin'], { name: 'qian.admin', sub: 'sub-qian' });
});

describe('personal data in comments', () => {
  it('is masked before the comment is stored, and the original text is kept nowhere', async () => {
    const phone = '13805312468';
    const id = '11010519491231002X';
    const { feedbackId } = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 4, comment: `数据很好，有问题打${phone}，身份证${id}` });
    const items = await store.scanAll();
    const everything = JSON.stringify(items);
    expect(everything).not.toContain(phone);
    expect(everything).not.toContain(id);
    const record = items.find((i) => i.type === 'feedback' && i.feedbackId === feedbackId)!;
    expect(record.comment).toBe('数据很好，有问题打【已隐去：电话】，身份证【已隐去：身份证号】');
    expect(record.pii).toEqual({ phone: 1, 'id-card': 1 });
    const queue = await staff('/monitor/comments', monitor);
    expect(queue.body.items.find((c: Body) => c.feedbackId === feedbackId)).toMatchObject({ piiMasked: { phone: 1, 'id-card': 1 }, commentStatus: 'pending' });
  });

  it('cannot be hidden from masking by zero-width characters: what is stored and published is masked, without them (issue 14)', async () => {
    const answer = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 4, comment: '手机138\u200b1234\u200b5678，请回电' });
    expect(answer.personalDataMasked).toEqual({ phone: 1 });
    const items = await store.scanAll();
    expect(JSON.stringify(items)).not.toMatch(/5678|\u200b/);
    expect(items.find((i) => i.type === 'feedback' && i.feedbackId === answer.feedbackId)!.comment).toBe('手机【已隐去：电话】，请回电');
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
    third = await submit({ targetType: 'project', targetId: readPlanFile().projects[0]!.id, rating: 4, comment: '进度可以' });
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
    expect(fresh.body.items.map((c: Body) => c.feedbackId).sort()).toEqual([first, second, third].map((c) => c.feedbackId).sort());
    const page = await staff('/monitor/comments?limit=2', monitor);
    expect(page.body.items).toHaveLength(2);
    const next = await staff(`/monitor/comments?limit=2&cursor=${page.body.nextCursor}`, monitor);
    expect(next.body.items.map((c: Body) => c.feedbackId)).not.toContain(page.body.items[0].feedbackId);
    expect((await staff('/monitor/comments?cursor=bm9wZQ', monitor)).status).toBe(400);
  });

  it('publishes, rejects with a reason, and hides a published comment; the text only, never the rating', async () => {
    expect((await staff(`/monitor/comments/${first.feedbackId}/moderation`, monitor, { action: 'publish' })).body).toMatchObject({ from: 'pending', to: 'published', changed: true });
    expect((await publicComments()).map((c) => c.feedbackId)).toContain(first.feedbackId);

    const noReason = await staff(`/monitor/comments/${second.feedbackId}/moderation`, monitor, { action: 'reject' });
    expect(noReason.status).toBe(400);
    expect((await staff(`/monitor/comments/${second.feedbackId}/moderation`, monitor, { action: 'reject', reason: '广告' })).body).toMatchObject({ to: 'rejected' });
    // Hiding applies to published comments only.
    expect((await staff(`/monitor/comments/${third.feedbackId}/moderation`, monitor, { action: 'hide', reason: 'x' })).status).toBe(409);

    expect((await staff(`/monitor/comments/${first.feedbackId}/moderation`, monitor, { action: 'hide', reason: '含人身攻击' })).body).toMatchObject({ from: 'published', to: 'hidden' });
    expect((await publicComments()).map((c) => c.feedbackId)).not.toContain(first.feedbackId);

    const records = (await store.scanAll()).filter((i) => i.type === 'feedback');
    expect(records.find((r) => r.feedbackId === first.feedbackId)).toMatchObject({ rating: 5, commentStatus: 'hidden' });
    expect(records.find((r) => r.feedbackId === second.feedbackId)).toMatchObject({ rating: 3, commentStatus: 'rejected' });

    expect((await staff('/monitor/comments?status=rejected', monitor)).body.items.map((c: Body) => c.feedbackId)).toEqual([second.feedbackId]);
    expect((await staff('/monitor/comments?status=hidden', monitor)).body.items.map((c: Body) => c.feedbackId)).toEqual([first.feedbackId]);
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
    expect((await staff('/monitor/comments/moderation', monitor, { items: [{ feedbackId: a.feedbackId, action: 'reject' }] })).status).toBe(400);
  });

  it('reports an item moderated by someone else at the same moment as failed, and goes ahead with the rest', async () => {
    const a = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 4, comment: '并发一' });
    const b = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '并发二' });
    const racing = {
      ...deps,
      feedback: {
        ...deps.feedback,
        setCommentStatus: (async (ref, ...rest) => {
          if (ref.feedbackId === a.feedbackId) throw new ConflictError('the comment was moderated concurrently; reload it');
          return deps.feedback.setCommentStatus(ref, ...rest);
        }) as typeof deps.feedback.setCommentStatus,
      },
    };
    const actor = { sub: 'sub-zhao', name: 'zhao.min', roles: ['monitor' as const] };
    const outcome = await moderateMany(racing, [{ feedbackId: a.feedbackId, action: 'publish' }, { feedbackId: b.feedbackId, action: 'publish' }], actor, new Date(now));
    expect(outcome).toMatchObject({ done: 1, failed: 1 });
    expect(outcome.results[0]).toMatchObject({ outcome: 'failed', problem: 'conflict' });
    expect(outcome.results[1]).toMatchObject({ outcome: 'done', to: 'published' });
  });

  it('sends a comment flagged by enough distinct citizens back to the queue, one flag per voter', async () => {
    const c = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '全是假数据' });
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'publish' });
    const flag = async (voter: Record<string, string>, reason = 'offensive') => {
      const res = await app.request(`/api/v1/comments/${c.feedbackId}/flags`, json({ reason }, voter));
      return { status: res.status, body: (await res.json()) as Body };
    };
    const voter = newVoter();
    expect(await flag(voter)).toMatchObject({ status: 201, body: { alreadyFlagged: false } });
    expect(await flag(voter, 'spam')).toMatchObject({ status: 200, body: { alreadyFlagged: true } });
    expect((await flag(newVoter(), 'rude' as never)).status).toBe(400);
    await flag(newVoter());
    expect((await publicComments()).map((x) => x.feedbackId)).toContain(c.feedbackId);
    await flag(newVoter(), 'personal-data');
    expect((await publicComments()).map((x) => x.feedbackId)).not.toContain(c.feedbackId);
    const queue = await staff('/monitor/comments?reason=flagged', monitor);
    expect(queue.body.items).toEqual([expect.objectContaining({ feedbackId: c.feedbackId, queueReason: 'flagged', flagCount: 3 })]);
    // A comment that is not published cannot be flagged.
    expect((await flag(newVoter())).status).toBe(404);
    // Re-approved, its flags start again from zero.
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'publish' });
    const queued = (await store.scanAll()).find((i) => i.type === 'feedback' && i.feedbackId === c.feedbackId);
    expect(queued).toMatchObject({ commentStatus: 'published', flagCount: 0, rating: 1 });
  });

  it('counts flags from one address once, so cookieless requests cannot take a comment down', async () => {
    const c = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 2, comment: '数据更新太慢' });
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'publish' });
    const from = (address: string) => app.request(`/api/v1/comments/${c.feedbackId}/flags`, json({ reason: 'spam' }, { 'CloudFront-Viewer-Address': `${address}:50000` }));
    // Three requests without a cookie, each given a new voter, from one address.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await from('203.0.113.7')).status);
    expect(statuses).toEqual([201, 200, 200]);
    expect((await publicComments()).map((x) => x.feedbackId)).toContain(c.feedbackId);
    // Two more addresses make three distinct flaggers.
    await from('203.0.113.8');
    await from('198.51.100.9');
    expect((await publicComments()).map((x) => x.feedbackId)).not.toContain(c.feedbackId);
  });

  it('leaves the rating counts alone and moves the comment counts', async () => {
    await aggregate({ repo: aggregationRepository(store.current), targets: async () => ({ planId: 'licheng-14th', categoryOf: () => null }), clock: () => new Date(now + 3600_000), settleMs: 0, maxBatch: 10_000, minRatings: 3 });
    const counts = await aggregationRepository(store.current).readCounts('all');
    const gdp = counts.get('indicator#gdp')!;
    const ratings = (await store.scanAll()).filter((i) => i.type === 'feedback' && i.targetId === 'gdp');
    expect(gdp.histogram.reduce((a, b) => a + b, 0)).toBe(ratings.length);
    expect(gdp.comments.hidden).toBe(ratings.filter((r) => r.commentStatus === 'hidden').length);
    expect(gdp.comments.published).toBe(ratings.filter((r) => r.commentStatus === 'published').length);
  });
});

describe('official replies', () => {
  it('show under a published comment, attributed to a department, with personal data masked', async () => {
    const c = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '什么时候公布2025年数据？' });
    const reply = await staff(`/monitor/comments/${c.feedbackId}/replies`, monitor, { department: '鲤城区统计局', text: '2025年数据将于2026年3月公布，咨询请致电0531-88123456。' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ public: false, reply: { department: '鲤城区统计局' } });
    expect((await publicComments()).map((x) => x.feedbackId)).not.toContain(c.feedbackId);
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'publish' });
    const shown = (await publicComments()).find((x) => x.feedbackId === c.feedbackId)!;
    expect(shown.replies).toEqual([{ department: '鲤城区统计局', text: '2025年数据将于2026年3月公布，咨询请致电【已隐去：电话】。', publishedAt: expect.any(String) }]);
    expect(JSON.stringify(shown)).not.toContain('zhao.min');
  });
});

describe('fraud', () => {
  it('is marked by an administrator with a documented reason, once, and the rating leaves the counts', async () => {
    const bought = await submit({ targetType: 'indicator', targetId: 'tourist-visits', rating: 5 });
    const res = await staff(`/admin/ratings/${bought.feedbackId}/fraud`, admin, { reason: 'paid ratings traced to one agency, case 2025-031' });
    expect(res).toMatchObject({ status: 201, body: { removedFromCounts: true, alreadyMarked: false } });
    expect((await staff(`/admin/ratings/${bought.feedbackId}/fraud`, admin, { reason: 'paid ratings traced to one agency, again' })).body).toMatchObject({ alreadyMarked: true });
    expect((await staff(`/admin/ratings/${bought.feedbackId}/fraud`, admin, { reason: 'short' })).status).toBe(400);
    expect((await staff(`/admin/ratings/${bought.feedbackId}/fraud`, monitor, { reason: 'a monitor cannot do this' })).status).toBe(403);
    await aggregate({ repo: aggregationRepository(store.current), targets: async () => ({ planId: 'licheng-14th', categoryOf: () => null }), clock: () => new Date(now + 3600_000), settleMs: 0, maxBatch: 10_000, minRatings: 3 });
    expect((await aggregationRepository(store.current).readCounts('all')).get('indicator#tourist-visits')).toBeUndefined();
    expect((await store.scanAll()).find((i) => i.type === 'feedback' && i.feedbackId === bought.feedbackId)).toMatchObject({ rating: 5, fraud: { by: 'qian.admin (sub-qian)' } });
  });
});

describe('the audit log', () => {
  it('has every action with who, when, what and why, newest first, page by page', async () => {
    const page = await staff('/admin/audit?limit=100', admin);
    expect(page.status).toBe(200);
    const actions = page.body.items.map((e: Body) => e.action);
    for (const action of ['comment.publish', 'comment.reject', 'comment.hide', 'comment.requeue', 'comment.reply', 'rating.fraud']) expect(actions).toContain(action);
    const hide = page.body.items.find((e: Body) => e.action === 'comment.hide');
    expect(hide).toMatchObject({ actor: { kind: 'staff', sub: 'sub-zhao', name: 'zhao.min', roles: ['monitor'] }, reason: '含人身攻击', subject: { type: 'comment' } });
    const times = page.body.items.map((e: Body) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const small = await staff('/admin/audit?limit=2', admin);
    const rest = await staff(`/admin/audit?limit=100&cursor=${small.body.nextCursor}`, admin);
    expect(small.body.items.length + rest.body.items.length).toBe(page.body.items.length);
    expect((await staff('/admin/audit?action=comment.hide', admin)).body.items.every((e: Body) => e.action === 'comment.hide')).toBe(true);
    expect((await staff('/admin/audit', monitor)).status).toBe(403);
  });

  it('filters by time bounds written with or without milliseconds alike', async () => {
    const audit = auditRepository(store.current);
    const entry = await audit.append({ actor: { kind: 'system', sub: 'system', name: 'test', roles: [] }, action: 'case.open', subject: { type: 'case', id: 'bounds' }, reason: null }, new Date('2031-01-01T00:00:35.055Z'));
    const ids = async (bounds: { since?: string; until?: string }) => (await audit.list({ limit: 200, action: 'case.open', ...bounds })).items.map((e) => e.auditId);
    expect(await ids({ since: '2031-01-01T00:00:35Z' })).toEqual([entry.auditId]);
    expect(await ids({ since: '2031-01-01T00:00:00Z', until: '2031-01-01T00:00:35Z' })).toEqual([]);
    expect(await ids({ since: '2031-01-01T00:00:35.055Z', until: '2031-01-01T00:00:35.055Z' })).toEqual([entry.auditId]);
  });

  it('exports as CSV, and no entry can be overwritten', async () => {
    const res = await app.request('/api/v1/admin/audit.csv', { headers: admin });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a byte-order mark, for spreadsheets
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe('at,audit_id,actor_kind,actor_sub,actor_name,actor_roles,action,subject_type,subject_id,reason,details');
    expect(text).toContain('含人身攻击');
    const entry = (await store.scanAll()).find((i) => i.type === 'audit')!;
    await expect(
      store.current.client.send(new PutCommand({ TableName: store.current.tableName, Item: { ...auditKey(String(entry.at), String(entry.auditId)), type: 'audit', reason: 'rewritten' }, ConditionExpression: 'attribute_not_exists(PK)' })),
    ).rejects.toThrow(/conditional/i);
  });
});
