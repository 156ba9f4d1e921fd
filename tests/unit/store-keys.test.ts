import { describe, expect, it } from 'vitest';
import {
  FEEDBACK_SHARDS,
  feedbackKey,
  feedbackShard,
  observationKey,
  observationPrefix,
} from '../../shared/store/keys.js';
import { createTableInput, TABLE } from '../../shared/store/table.js';

describe('feedback sharding', () => {
  it('spreads one popular target’s voters over every shard, none taking more than twice its share', () => {
    const counts = new Array(FEEDBACK_SHARDS).fill(0);
    for (let i = 0; i < 16_000; i++) counts[feedbackShard(`voter-${i}`, 'indicator', 'gdp')]++;
    const fair = 16_000 / FEEDBACK_SHARDS;
    expect(Math.min(...counts)).toBeGreaterThan(fair / 2);
    expect(Math.max(...counts)).toBeLessThan(fair * 2);
  });

  it('puts the same voter and target on the same shard every time', () => {
    expect(feedbackShard('v', 'project', 'p')).toBe(feedbackShard('v', 'project', 'p'));
  });

  it('orders a shard’s records by the time they were recorded', () => {
    const earlier = feedbackKey(3, '2025-01-01T00:00:00.000Z', 'b').SK;
    const later = feedbackKey(3, '2025-01-01T00:00:00.001Z', 'a').SK;
    expect(earlier < later).toBe(true);
  });
});

describe('observation keys', () => {
  it('sort by year, then revision, and one indicator’s prefix never matches another’s', () => {
    expect(observationKey('p', 'gdp', 2021, 2).SK < observationKey('p', 'gdp', 2021, 10).SK).toBe(true);
    expect(observationKey('p', 'gdp-per-capita', 2021, 1).SK.startsWith(observationPrefix('gdp'))).toBe(false);
  });
});

describe('the table definition', () => {
  it('declares every key attribute of the table and its indexes, and nothing else', () => {
    const input = createTableInput('t');
    expect(input.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual([
      'GSI1PK',
      'GSI1SK',
      'GSI2PK',
      'GSI2SK',
      'PK',
      'SK',
    ]);
    expect(input.BillingMode).toBe('PAY_PER_REQUEST');
    expect(input.GlobalSecondaryIndexes?.map((i) => i.Projection?.ProjectionType)).toEqual(['ALL', 'ALL']);
    expect(TABLE.timeToLiveAttribute).toBe('expiresAt');
  });
});
