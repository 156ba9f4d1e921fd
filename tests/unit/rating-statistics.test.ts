import { describe, expect, it } from 'vitest';
import {
  bayesianMean,
  emptyTally,
  rankByBayesianMean,
  summarise,
  wilsonInterval,
  type Histogram,
} from '../../shared/ratings/statistics.js';

const tally = (histogram: Histogram) => ({ ...emptyTally(), histogram });
const options = { minRatings: 10, prior: { mean: 3, weight: 10 } };

describe('Wilson score interval', () => {
  it('matches hand-computed values', () => {
    // 8 of 10: centre (0.8 + 1.92073/10)/(1.38415) = 0.71672, half 0.22600 → [0.4902, 0.9433]
    const i = wilsonInterval(8, 10)!;
    expect(i.share).toBe(0.8);
    expect(i.lower).toBeCloseTo(0.4902, 4);
    expect(i.upper).toBeCloseTo(0.9433, 4);
    // 50 of 100 → [0.4038, 0.5962]
    const j = wilsonInterval(50, 100)!;
    expect(j.lower).toBeCloseTo(0.4038, 4);
    expect(j.upper).toBeCloseTo(0.5962, 4);
  });

  it('does not collapse at the edges: 0 of 1 and 1 of 1 still leave room', () => {
    const none = wilsonInterval(0, 1)!;
    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(0.7935, 4);
    const all = wilsonInterval(1, 1)!;
    expect(all.lower).toBeCloseTo(0.2065, 4);
    expect(all.upper).toBe(1);
  });

  it('has nothing to say about an empty sample', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('Bayesian mean', () => {
  it('pulls three 5s towards the prior instead of letting them score 5', () => {
    expect(bayesianMean(15, 3, 3, 10)).toBeCloseTo(45 / 13, 10); // 3.4615
  });

  it('approaches the sample mean as ratings accumulate', () => {
    expect(bayesianMean(4 * 1000, 1000, 3, 10)).toBeCloseTo((30 + 4000) / 1010, 10);
  });

  it('is undefined without ratings', () => {
    expect(bayesianMean(0, 0, 3, 10)).toBeNull();
  });
});

describe('a rating summary', () => {
  it('counts, averages and splits 满意 and 差评 with their intervals', () => {
    const s = summarise(tally([1, 1, 2, 3, 3]), options);
    expect(s.count).toBe(10);
    expect(s.mean).toBeCloseTo((1 + 2 + 6 + 12 + 15) / 10, 10);
    expect(s.satisfaction?.share).toBeCloseTo(0.6, 10);
    expect(s.dissatisfaction?.share).toBeCloseTo(0.2, 10);
    expect(s.tooFewToRank).toBe(false);
    expect(s.change).toBeNull();
  });

  it('for n = 0 publishes the zero count and no statistics', () => {
    const s = summarise(emptyTally(), options);
    expect(s).toMatchObject({
      count: 0,
      mean: null,
      satisfaction: null,
      dissatisfaction: null,
      bayesianMean: null,
      tooFewToRank: true,
    });
  });

  it('for n = 1 gives the one rating as the mean but flags it too few to rank', () => {
    const s = summarise(tally([0, 0, 0, 0, 1]), options);
    expect(s.mean).toBe(5);
    expect(s.satisfaction?.share).toBe(1);
    expect(s.tooFewToRank).toBe(true);
  });

  it('when every rating is one level, the shares are 0 or 1 and the intervals still have width', () => {
    const s = summarise(tally([20, 0, 0, 0, 0]), options);
    expect(s.mean).toBe(1);
    expect(s.dissatisfaction?.share).toBe(1);
    expect(s.dissatisfaction!.lower).toBeCloseTo(0.8389, 4);
    expect(s.satisfaction?.share).toBe(0);
    expect(s.satisfaction!.upper).toBeCloseTo(0.1611, 4);
  });

  it('reports the change against the previous period, and against an empty one', () => {
    const s = summarise(tally([0, 0, 0, 5, 5]), options, tally([0, 0, 5, 5, 0]));
    expect(s.change).toEqual({ count: 0, mean: expect.closeTo(1, 10), satisfaction: expect.closeTo(0.5, 10) });
    expect(summarise(tally([0, 0, 0, 0, 2]), options, null).change).toEqual({
      count: 2,
      mean: null,
      satisfaction: null,
    });
  });

  it('counts comments by moderation status', () => {
    const s = summarise(
      { histogram: [0, 0, 0, 0, 1], comments: { pending: 2, published: 3, rejected: 1, hidden: 0 } },
      options,
    );
    expect(s.comments).toEqual({ pending: 2, published: 3, rejected: 1, hidden: 0, total: 6 });
  });
});

describe('ranking', () => {
  it('orders by Bayesian mean, shares ranks on ties, and leaves targets with too few ratings unranked', () => {
    const entries = [
      { key: 'few-but-perfect', summary: summarise(tally([0, 0, 0, 0, 3]), options) },
      { key: 'good', summary: summarise(tally([0, 0, 10, 20, 30]), options) },
      { key: 'also-good', summary: summarise(tally([0, 0, 10, 20, 30]), options) },
      { key: 'poor', summary: summarise(tally([30, 20, 10, 0, 0]), options) },
    ];
    const ranks = rankByBayesianMean(entries);
    expect(Object.fromEntries(ranks)).toEqual({ 'few-but-perfect': null, good: 1, 'also-good': 1, poor: 3 });
  });
});
