import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { moderateComment } from '../../shared/moderation/moderate.js';
import { feedbackKey, feedbackRefKey } from '../../shared/store/keys.js';
import { behindTrustedProxy, json, testApp } from '../helpers/api.js';
import { countingStore } from '../helpers/counting-store.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
beforeAll(() => loadPlan(store.current, readPlanFile()));

/**
 * What a citizen's rating costs in write units, item by item (docs/data-model.md, "What a rating
 * writes"): the address's rate-limit counter, the voter's ballot and the record in the log, and no
 * item written only to find the record by its id again.
 */
describe('the write units of a rating', () => {
  function rater() {
    const counting = countingStore(store.current);
    const { app, deps } = testApp(counting.store, behindTrustedProxy);
    const voter = deps.voterTokens.issue();
    const rate = async (rating: number, comment?: string) => {
      counting.reset();
      const res = await app.request(
        '/api/v1/feedback',
        json(
          { targetType: 'indicator', targetId: 'gdp', rating, ...(comment ? { comment } : {}) },
          { 'X-Voter-Token': voter.token, 'CloudFront-Viewer-Address': '198.51.100.7:443' },
        ),
      );
      expect(res.status).toBe(201);
      return { ...(await res.json()), written: counting.written() } as { feedbackId: string; written: object };
    };
    return { rate, deps };
  }

  it('costs one write unit for each of the rate-limit counter, the ballot and the record of a first rating', async () => {
    const { rate } = rater();
    const first = await rate(4);
    expect(first.written).toEqual({ RATE: 1, VOTER: 1, FEEDBACK: 1 });
  });

  it('costs the same three write units when the voter changes their rating, and the new id still finds its record', async () => {
    const { rate, deps } = rater();
    const first = await rate(4, '希望公布最新数据');
    const changed = await rate(2);
    expect(changed.written).toEqual({ RATE: 1, VOTER: 1, FEEDBACK: 1 });
    expect(changed.feedbackId).not.toBe(first.feedbackId);
    // Found by its id alone, though nothing but the record and the ballot was written.
    expect(await deps.feedback.find(first.feedbackId)).toMatchObject({ rating: 4, comment: '希望公布最新数据' });
    expect(await deps.feedback.find(changed.feedbackId)).toMatchObject({ rating: 2, replaces: { rating: 4 } });
  });
});

describe('finding a rating by its id', () => {
  const monitor = { sub: 'm-1', name: 'monitor', roles: ['monitor' as const] };

  it('still finds and moderates a rating recorded before ids were self-locating, through its pointer item', async () => {
    const { app, deps } = testApp(store.current, behindTrustedProxy);
    const voter = deps.voterTokens.issue();
    const res = await app.request(
      '/api/v1/feedback',
      json(
        { targetType: 'indicator', targetId: 'gdp', rating: 3, comment: '旧的留言' },
        { 'X-Voter-Token': voter.token },
      ),
    );
    const { feedbackId } = (await res.json()) as { feedbackId: string };
    const record = (await deps.feedback.find(feedbackId))!;
    // The same rating as the store held it then: a bare UUID, in its slot, and the pointer to the slot.
    const old = randomUUID();
    const put = (Item: Record<string, unknown>) =>
      store.current.client.send(new PutCommand({ TableName: store.current.tableName, Item }));
    await put({ ...feedbackKey(record.shard, record.recordedAt, old), type: 'feedback', ...record, feedbackId: old });
    await put({
      ...feedbackRefKey(old),
      type: 'feedback-ref',
      shard: record.shard,
      recordedAt: record.recordedAt,
      feedbackId: old,
    });

    expect(await deps.feedback.find(old)).toMatchObject({ feedbackId: old, comment: '旧的留言' });
    await moderateComment(deps, { feedbackId: old, action: 'publish' }, monitor, new Date());
    const flagged = await app.request(
      `/api/v1/comments/${old}/flags`,
      json({ reason: 'spam' }, { 'X-Voter-Token': voter.token }),
    );
    expect(flagged.status).toBe(201);
  });

  it('answers 404 for a made-up id, malformed or well formed', async () => {
    const { app, deps } = testApp(store.current, behindTrustedProxy);
    const voter = deps.voterTokens.issue();
    for (const id of [`03-20261206T011624123Z-${randomUUID()}`, '03-20261206T011624123Z-x#y', 'FEEDBACKREF#x']) {
      const res = await app.request(
        `/api/v1/comments/${encodeURIComponent(id)}/flags`,
        json({ reason: 'spam' }, { 'X-Voter-Token': voter.token }),
      );
      expect(res.status, id).toBe(404);
    }
  });
});
