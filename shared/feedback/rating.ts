import * as z from 'zod/mini';

/** The five levels of 好差评 (GB/T 39734-2020): 5 is best. */
export const RATING_LEVELS = [
  { value: 5, zh: '非常满意', en: 'Very satisfied' },
  { value: 4, zh: '满意', en: 'Satisfied' },
  { value: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { value: 2, zh: '不满意', en: 'Dissatisfied' },
  { value: 1, zh: '非常不满意', en: 'Very dissatisfied' },
] as const;

export const Rating = z.literal([1, 2, 3, 4, 5]);
export type Rating = z.infer<typeof Rating>;

/** Comments are moderated before anyone sees them; the rating counts whatever happens to the text. */
export const CommentStatus = z.enum(['none', 'pending', 'published', 'rejected', 'hidden']);
export type CommentStatus = z.infer<typeof CommentStatus>;

/** Ratings are counted per calendar year in China Standard Time, which has no daylight saving. */
export function ratingYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}
