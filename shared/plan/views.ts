import { type ProgressAssessment, type ProgressStatus } from '../progress/assessment.js';
import { assessProgress } from '../progress/status.js';
import { currentObservations, type Observation } from './observation.js';
import type { PlanSnapshot } from '../store/plan-repository.js';
import type { HistoryRow, Indicator } from './schema.js';

/**
 * The public shapes of the plan: what the API answers and the web renders. They are computed
 * from stored items only; nothing here reads the store or the clock.
 */

export interface IndicatorView extends Indicator {
  observations: Array<Pick<Observation, 'year' | 'value' | 'revision' | 'recordedAt' | 'source'>>;
  latest: { year: number; value: number } | null;
  progress: ProgressAssessment;
}

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

export interface IndicatorDetailView extends IndicatorView {
  historyRows: HistoryRow[];
  /** Every revision, corrections included, so a reader can see what changed, when and why. */
  revisions: Observation[];
}

export function indicatorDetailView(
  indicator: Indicator,
  revisions: Observation[],
  history: readonly HistoryRow[],
): IndicatorDetailView {
  return {
    ...indicatorView(indicator, revisions),
    historyRows: history.filter((row) => indicator.history.includes(row.id)),
    revisions: [...revisions].sort((a, b) => a.year - b.year || a.revision - b.revision),
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

export function planView(snapshot: PlanSnapshot) {
  const { contentHash: _contentHash, loadedBy: _loadedBy, ...plan } = snapshot.plan;
  const indicators = snapshot.indicators.map((i) => indicatorView(i, snapshot.observations));
  return {
    ...plan,
    categories: plan.categories.map((category) => {
      const inCategory = indicators.filter((i) => i.category === category.id);
      return {
        ...category,
        indicators: inCategory.length,
        binding: inCategory.filter((i) => i.attribute === 'binding').length,
        statuses: countBy(inCategory, STATUSES, (i) => i.progress.status),
      };
    }),
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
