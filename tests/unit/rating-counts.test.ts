import { describe, expect, it } from 'vitest';
import { emptyTally } from '../../shared/ratings/statistics.js';
import { legacyRatingCountsKey, ratingCountsKey } from '../../shared/store/keys.js';
import { countsItem, countsOfItem, splitByPlan, type PeriodCounts } from '../../shared/store/rating-counts.js';

const tally = (level: number) => {
  const t = emptyTally();
  t.histogram[level - 1] = 1;
  return t;
};

describe('a plan’s counts item', () => {
  it('shares its period’s partition with the other plans’ and the older single item, under its own sort key', () => {
    expect(ratingCountsKey('2025-05', 'licheng-14th')).toEqual({ PK: 'RATINGS#2025-05', SK: 'COUNTS#licheng-14th' });
    expect(legacyRatingCountsKey('2025-05')).toEqual({ PK: 'RATINGS#2025-05', SK: 'COUNTS' });
  });

  it('reads back as written, and refuses to hold another plan’s scope', () => {
    const item: PeriodCounts = {
      counts: new Map([['p1/indicator#gdp', tally(4)]]),
      appliedVersion: 7,
      published: { summaries: { p1: 'abc' }, points: { 'p1/indicator#gdp': 'def' } },
    };
    expect(countsOfItem(countsItem(ratingCountsKey('all', 'p1'), 'all', 'p1', item))).toEqual(item);
    expect(() => countsItem(ratingCountsKey('all', 'p2'), 'all', 'p2', item)).toThrow(/p1\/indicator#gdp/);
  });
});

describe('splitting the single counts item of every plan', () => {
  it('gives each plan its scopes, the same batch version and its own published hashes, and no plan a scope counted without one', () => {
    const split = splitByPlan({
      counts: new Map([
        ['p1/indicator#gdp', tally(4)],
        ['p1/plan#p1', tally(4)],
        ['p2/indicator#gdp', tally(2)],
        ['indicator#gdp', tally(5)],
      ]),
      appliedVersion: 12,
      published: {
        summaries: { p1: 'h1', p2: 'h2' },
        points: { 'p1/indicator#gdp': 'x1', 'p2/indicator#gdp': 'x2' },
      },
    });
    expect([...split.keys()]).toEqual(['p1', 'p2']);
    expect(split.get('p1')).toEqual({
      counts: new Map([
        ['p1/indicator#gdp', tally(4)],
        ['p1/plan#p1', tally(4)],
      ]),
      appliedVersion: 12,
      published: { summaries: { p1: 'h1' }, points: { 'p1/indicator#gdp': 'x1' } },
    });
    expect(split.get('p2')).toEqual({
      counts: new Map([['p2/indicator#gdp', tally(2)]]),
      appliedVersion: 12,
      published: { summaries: { p2: 'h2' }, points: { 'p2/indicator#gdp': 'x2' } },
    });
  });
});
