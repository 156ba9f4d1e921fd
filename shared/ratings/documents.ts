import type { TargetType } from '../feedback/target.js';
import { type ScopeKind } from './scopes.js';
import type { RatingSummary } from './statistics.js';

/** A scope's summary in a period, as published. */
export interface ScopeSummary extends RatingSummary {
  scope: string;
  kind: ScopeKind;
  targetType?: TargetType;
  targetId?: string;
  category?: string;
  /** Rank among scopes of the same kind (targets among targets, categories among categories). */
  rank: number | null;
}

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
export type SeriesPoint = Pick<RatingSummary, 'count' | 'histogram' | 'mean' | 'satisfaction' | 'dissatisfaction'> & {
  period: string;
};
