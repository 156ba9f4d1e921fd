import { randomUUID } from 'node:crypto';
import type { Rating } from '../../shared/feedback/rating.js';

/** A voter's 2025 rating of GDP in the Licheng plan, without a comment, as feedbackRepository().record() takes it. */
export const gdpRating = (voterId: string, rating: Rating, clock: () => Date) => ({
  nonce: randomUUID(),
  voterId,
  planId: 'licheng-14th',
  targetType: 'indicator' as const,
  targetId: 'gdp',
  year: 2025,
  rating,
  comment: null,
  clock,
});
