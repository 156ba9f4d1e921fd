import { describe, expect, it } from 'vitest';
import { commentLength, normaliseComment } from '../../shared/feedback/comment.js';
import { FeedbackSubmission } from '../../shared/feedback/submit.js';
import { ratingYear } from '../../shared/feedback/rating.js';

describe('comment normalisation', () => {
  it('composes to NFC so the same text always has the same code points', () => {
    expect(normaliseComment('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('removes control characters but keeps line breaks and tabs, unifying CRLF', () => {
    expect(normaliseComment('a\u0000b\u0007c\u001bd\u007fe\u0085f\r\ng\rh\ti')).toBe('abcdef\ng\nh\ti');
  });

  it('trims, and turns a comment of only whitespace and controls into no comment', () => {
    expect(normaliseComment('  好  ')).toBe('好');
    expect(normaliseComment(' \n\t\u0000 ')).toBeNull();
  });

  it('counts characters as people do: an astral emoji is one', () => {
    expect(commentLength('😀评')).toBe(2);
  });

  it('applies the 2,000 limit after normalisation, so combining marks that compose do not count twice', () => {
    const decomposed = 'e\u0301'.repeat(2000); // 4,000 code points before NFC, 2,000 after
    const parsed = FeedbackSubmission.safeParse({
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 3,
      comment: decomposed,
    });
    expect(parsed.success).toBe(true);
  });
});

describe('rating year', () => {
  it('is the calendar year in China Standard Time', () => {
    expect(ratingYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(ratingYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
  });
});
