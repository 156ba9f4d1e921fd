import { describe, expect, it } from 'vitest';
import { bilingual, mergeAreas } from '../../web/i18n-area.js';

describe('the areas of the citizen dictionary', () => {
  it('merge into one dictionary per language that keeps every area’s texts', () => {
    const frame = bilingual({ zh: { siteName: '共评' }, en: { siteName: 'Gongping' } });
    const counts = bilingual({
      zh: { ratingsCount: (n: number) => `${n} 条评价` },
      en: { ratingsCount: (n: number) => `${n} ratings` },
    });
    const { zh, en } = mergeAreas(frame, counts);
    expect(zh.siteName).toBe('共评');
    expect(en.ratingsCount(3)).toBe('3 ratings');
    expect(Object.keys(en)).toEqual(Object.keys(zh));
  });

  it('refuse a key that two areas both define, instead of silently keeping one of its texts', () => {
    const one = bilingual({ zh: { planCurrent: '当前规划' }, en: { planCurrent: 'Current plan' } });
    const other = bilingual({ zh: { planCurrent: '本规划' }, en: { planCurrent: 'This plan' } });
    expect(() => mergeAreas(one, other)).toThrow(/planCurrent/);
  });
});
