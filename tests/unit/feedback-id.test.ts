import { describe, expect, it } from 'vitest';
import { FeedbackIdFormat, feedbackIdAt, recordRefOf } from '../../shared/feedback/feedback-id.js';
import { feedbackKey } from '../../shared/store/keys.js';

const NONCE = '0f8e4c1a-5b7d-4e2f-9a3b-1c2d3e4f5a6b';
const accepted = (id: string) => FeedbackIdFormat.safeParse(id).success;

describe('a self-locating feedback id', () => {
  it('names its record’s shard and time, which key the record exactly', () => {
    const id = feedbackIdAt(7, '2026-12-06T01:16:24.123Z', NONCE);
    expect(id).toBe(`07-20261206T011624123Z-${NONCE}`);
    const ref = recordRefOf(id)!;
    expect(ref).toEqual({ shard: 7, recordedAt: '2026-12-06T01:16:24.123Z', feedbackId: id });
    expect(feedbackKey(ref.shard, ref.recordedAt, ref.feedbackId)).toEqual({
      PK: 'FEEDBACK#07',
      SK: `2026-12-06T01:16:24.123Z#${id}`,
    });
    expect(accepted(id)).toBe(true);
  });

  it('refuses shards the log does not have, times no clock gives, and anything around or inside the parts', () => {
    for (const forged of [
      `16-20261206T011624123Z-${NONCE}`,
      `07-20261306T011624123Z-${NONCE}`,
      `07-20260230T011624123Z-${NONCE}`,
      `07-20261206T251624123Z-${NONCE}`,
      `07-20261206T011624123Z-${NONCE.toUpperCase()}`,
      `07-20261206T011624123Z-${NONCE}#x`,
      `07-20261206T011624123Z#-${NONCE}`,
      ` 07-20261206T011624123Z-${NONCE}`,
      `7-20261206T011624123Z-${NONCE}`,
      `07-20261206T011624Z-${NONCE}`,
    ]) {
      expect(recordRefOf(forged), forged).toBeNull();
      expect(accepted(forged), forged).toBe(false);
    }
  });

  it('cannot be minted from a nonce that is not a UUID, so every id the store gives is one the API accepts', () => {
    expect(() => feedbackIdAt(3, '2026-12-06T01:16:24.123Z', 'w')).toThrow();
    expect(() => feedbackIdAt(16, '2026-12-06T01:16:24.123Z', NONCE)).toThrow();
  });

  it('leaves the ids of earlier ratings (bare UUIDs) to their pointer items, and the API still takes them', () => {
    expect(recordRefOf(NONCE)).toBeNull();
    expect(accepted(NONCE)).toBe(true);
    expect(accepted('not-a-feedback-id')).toBe(false);
  });
});
