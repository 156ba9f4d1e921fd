import { describe, expect, it } from 'vitest';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { useModerationApp } from '../helpers/moderation.js';

const env = useModerationApp();
const { submit, staff, publicComments, store } = env;

describe('official replies', () => {
  it('show under a published comment, attributed to a department, with personal data masked', async () => {
    const c = await submit({
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 3,
      comment: '什么时候公布2025年数据？',
    });
    const reply = await staff(`/monitor/comments/${c.feedbackId}/replies`, env.monitor, {
      department: '鲤城区统计局',
      text: '2025年数据将于2026年3月公布，咨询请致电0531-88123456。',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ public: false, reply: { department: '鲤城区统计局' } });
    expect((await publicComments()).map((x) => x.feedbackId)).not.toContain(c.feedbackId);
    await staff(`/monitor/comments/${c.feedbackId}/moderation`, env.monitor, { action: 'publish' });
    const shown = (await publicComments()).find((x) => x.feedbackId === c.feedbackId)!;
    expect(shown.replies).toEqual([
      {
        // Free text no listed department answers to: its English name is the text as given.
        department: '鲤城区统计局',
        departmentEn: '鲤城区统计局',
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
    const res = await staff(`/admin/ratings/${bought.feedbackId}/fraud`, env.admin, {
      reason: 'paid ratings traced to one agency, case 2025-031',
    });
    expect(res).toMatchObject({ status: 201, body: { removedFromCounts: true, alreadyMarked: false } });
    expect(
      (
        await staff(`/admin/ratings/${bought.feedbackId}/fraud`, env.admin, {
          reason: 'paid ratings traced to one agency, again',
        })
      ).body,
    ).toMatchObject({ alreadyMarked: true });
    expect((await staff(`/admin/ratings/${bought.feedbackId}/fraud`, env.admin, { reason: 'short' })).status).toBe(400);
    expect(
      (await staff(`/admin/ratings/${bought.feedbackId}/fraud`, env.monitor, { reason: 'a monitor cannot do this' }))
        .status,
    ).toBe(403);
    await env.aggregateAnHourLater();
    expect(
      (await aggregationRepository(store.current).readCounts('all')).get('licheng-14th/indicator#tourist-visits'),
    ).toBeUndefined();
    expect(
      (await store.scanAll()).find((i) => i.type === 'feedback' && i.feedbackId === bought.feedbackId),
    ).toMatchObject({ rating: 5, fraud: { by: 'qian.admin (sub-qian)' } });
  });
});
