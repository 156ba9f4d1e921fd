import type { ProgressStatus } from '../progress/assessment.js';
import { assessProgress } from '../progress/status.js';
import { currentObservations, type Observation } from './observation.js';
import { systemReasonOf } from './revision-reason.js';
import type { PlanSnapshot } from '../store/plan-repository.js';
import type * as z from 'zod/mini';
import type { IndicatorDetail, IndicatorView as IndicatorViewModel, PlanView } from '../api/plan-schemas.js';
import type { HistoryRow, Indicator } from './schema.js';

/**
 * The public shapes of the plan: what the API answers and the web renders. They are computed
 * from stored items only; nothing here reads the store or the clock.
 */

/** An indicator as the API answers it (IndicatorView in shared/api/plan-schemas.ts), but for its ratings. */
export type IndicatorView = Omit<z.output<typeof IndicatorViewModel>, 'ratings'>;

export function indicatorView(indicator: Indicator, revisions: readonly Observation[]): IndicatorView {
  const current = currentObservations(revisions.filter((o) => o.indicatorId === indicator.id));
  const last = current.at(-1);
  return {
    ...indicator,
    observations: current.map(({ year, value, revision, recordedAt, source }) => ({
      year,
      value,
      revision,
      recordedAt,
      source,
    })),
    latest: last ? { year: last.year, value: last.value } : null,
    progress: assessProgress(indicator, current),
  };
}

/** One indicator with its 专栏1 rows and every revision, corrections included (IndicatorDetail), but for its ratings. */
export type IndicatorDetailView = Omit<z.output<typeof IndicatorDetail>, 'ratings'>;

export function indicatorDetailView(
  indicator: Indicator,
  revisions: Observation[],
  history: readonly HistoryRow[],
): IndicatorDetailView {
  return {
    ...indicatorView(indicator, revisions),
    historyRows: history.filter((row) => indicator.history.includes(row.id)),
    revisions: [...revisions]
      .sort((a, b) => a.year - b.year || a.revision - b.revision)
      .map((o) => ({ ...o, reasonCode: systemReasonOf(o.reason) })),
  };
}

const STATUSES: readonly ProgressStatus[] = [
  'achieved',
  'on_track',
  'needs_acceleration',
  'limited_progress',
  'deteriorating',
  'not_assessable',
];

const countBy = <T>(items: readonly T[], keys: readonly string[], keyOf: (item: T) => string) => {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
};

/** The plan as the API answers it (PlanView): what the store keeps of it, only its public fields, and its counts. */
export function planView(snapshot: PlanSnapshot): z.output<typeof PlanView> {
  const { id, titleZh, titleEn, district, periodStart, periodEnd, baselineYear, source, categories, status } =
    snapshot.plan;
  const indicators = snapshot.indicators.map((i) => indicatorView(i, snapshot.observations));
  return {
    id,
    titleZh,
    titleEn,
    district,
    periodStart,
    periodEnd,
    baselineYear,
    source,
    categories: categories.map((category) => {
      const inCategory = indicators.filter((i) => i.category === category.id);
      return {
        ...category,
        indicators: inCategory.length,
        binding: inCategory.filter((i) => i.attribute === 'binding').length,
        statuses: countBy(inCategory, STATUSES, (i) => i.progress.status),
      };
    }),
    status,
    counts: {
      indicators: indicators.length,
      binding: indicators.filter((i) => i.attribute === 'binding').length,
      expected: indicators.filter((i) => i.attribute === 'expected').length,
      statuses: countBy(indicators, STATUSES, (i) => i.progress.status),
      projects: snapshot.projects.length,
      projectStatuses: countBy(
        snapshot.projects,
        ['not_started', 'in_progress', 'completed', 'unknown'],
        (p) => p.status,
      ),
      historyRows: snapshot.history.length,
    },
  };
}

export { STATUSES };
