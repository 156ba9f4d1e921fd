import type * as z from 'zod/mini';
import type { ScopeSummary as ScopeSummaryModel, SeriesPoint as SeriesPointModel } from '../api/rating-schemas.js';

/** A scope's summary in a period, as published. */
export type ScopeSummary = z.output<typeof ScopeSummaryModel>;

/** Everything published for one period: what `GET /ratings` and the target summaries answer from. */
export interface PeriodSummaries {
  period: string;
  version: number;
  minRatings: number;
  prior: { mean: number; weight: number };
  plan: ScopeSummary | null;
  categories: ScopeSummary[];
  targets: ScopeSummary[];
}

/** One point of a scope's time series. */
export type SeriesPoint = z.output<typeof SeriesPointModel>;
