import { describe, expect, it } from 'vitest';
import { observableYears } from '../../shared/publishing/observations.js';

describe('observableYears', () => {
  it('spans from the earliest baseline year to the latest target year', () => {
    expect(
      observableYears([
        { baselineYear: 2020, targetYear: 2025 },
        { baselineYear: 2019, targetYear: 2023 },
      ]),
    ).toEqual({ min: 2019, max: 2025 });
  });

  it('is an empty range, not infinities, for a plan without indicators', () => {
    expect(observableYears([])).toEqual({ min: undefined, max: undefined });
  });
});
