import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditKey } from '../../shared/store/keys.js';
import { auditRepository } from '../../shared/store/audit-repository.js';
import { useModerationApp, type Body } from '../helpers/moderation.js';

const env = useModerationApp();
const { submit, staff, flagFrom, publishedComment, store } = env;

describe('the audit log', () => {
  // One of each staff action the log must hold, made through the API as a monitor and an administrator make them.
  beforeAll(async () => {
    const moderate = async (feedbackId: string, body: Record<string, unknown>) =>
      expect((await staff(`/monitor/comments/${feedbackId}/moderation`, env.monitor, body)).status).toBe(200);
    const rejected = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '希望公布季度数据' });
    await moderate(rejected.feedbackId as string, { action: 'reject', reason: '广告' });
    await moderate(await publishedComment('增长不错'), { action: 'hide', reason: '含人身攻击' });
    const flagged = await publishedComment('区里公布的GDP增速和统计公报对不上');
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) await flagFrom(flagged, address);
    await moderate(flagged, { action: 'publish' });
    const asked = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '什么时候公布？' });
    const reply = { department: '鲤城区统计局', text: '2025年数据将于2026年3月公布。' };
    expect((await staff(`/monitor/comments/${asked.feedbackId}/replies`, env.monitor, reply)).status).toBe(201);
    const bought = await submit({ targetType: 'indicator', targetId: 'tourist-visits', rating: 5 });
    const fraud = { reason: 'paid ratings traced to one agency, case 2025-031' };
    expect((await staff(`/admin/ratings/${bought.feedbackId}/fraud`, env.admin, fraud)).status).toBe(201);
  });

  it('has every action with who, when, what and why, newest first, page by page', async () => {
    const page = await staff('/admin/audit?limit=100', env.admin);
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
    const small = await staff('/admin/audit?limit=2', env.admin);
    const rest = await staff(`/admin/audit?limit=100&cursor=${small.body.nextCursor}`, env.admin);
    expect(small.body.items.length + rest.body.items.length).toBe(page.body.items.length);
    expect(
      (await staff('/admin/audit?action=comment.hide', env.admin)).body.items.every(
        (e: Body) => e.action === 'comment.hide',
      ),
    ).toBe(true);
    expect((await staff('/admin/audit', env.monitor)).status).toBe(403);
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
    const res = await env.app.request('/api/v1/admin/audit.csv', { headers: env.admin });
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
