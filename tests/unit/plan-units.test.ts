import { describe, expect, it } from 'vitest';
import { withUnit } from '../../shared/plan/units.js';

describe('a value with its unit', () => {
  it.each([
    ['438.08', '亿元', '438.08 亿元'],
    ['21.79', '%', '21.79%'],
    ['8', '', '8'],
    ['438.08', '100 million yuan', '43.808 billion yuan'],
    ['476.2', '100 million yuan', '47.62 billion yuan'],
    ['800', '100 million yuan', '80 billion yuan'],
    ['0.5', '100 million yuan', '50 million yuan'],
    ['5.6', '10,000 yuan per person', '56,000 yuan per person'],
    ['12.34', '10,000 yuan', '123,400 yuan'],
    ['1,200', '10,000 visits', '12 million visits'],
    ['-3.5', '100 million yuan', '-350 million yuan'],
    ['2.5', 'beds per 1,000 people', '2.5 beds per 1,000 people'],
  ])('%s with the unit %s reads "%s"', (value, unit, expected) => {
    expect(withUnit(value, unit)).toBe(expected);
  });

  it('keeps a value that is not a plain number as printed, with the unit after it', () => {
    expect(withUnit('约 500', '100 million yuan')).toBe('约 500 100 million yuan');
  });

  it('takes a number as well as printed text', () => {
    expect(withUnit(476.2, '100 million yuan')).toBe('47.62 billion yuan');
  });
});
