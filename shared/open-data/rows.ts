import type { PublishedComment } from '../feedback/record.js';
import { currentObservations } from '../plan/observation.js';
import type { Plan } from '../plan/document.js';
import { indicatorView } from '../plan/views.js';
import type { PeriodSummaries } from '../ratings/documents.js';
import type { PlanSnapshot } from '../store/plan-repository.js';
import type { CommentRow } from './comments-dataset.js';
import type { IndicatorRow } from './indicators-dataset.js';
import type { ObservationRow } from './observations-dataset.js';
import type { RatingRow } from './ratings-dataset.js';

/**
 * The rows of each open dataset, from what the store holds. Pure: the routes read the store, these
 * shape what was read, in a stable order so that the same data always gives the same file.
 */

export function indicatorRows(snapshot: PlanSnapshot): IndicatorRow[] {
  const categoryEn = new Map(snapshot.plan.categories.map((c) => [c.id, c.nameEn]));
  return snapshot.indicators.map((indicator) => {
    const view = indicatorView(indicator, snapshot.observations);
    return {
      indicator,
      categoryEn: categoryEn.get(indicator.category) ?? '',
      latest: view.latest,
      progress: view.progress,
    };
  });
}

/** Every revision, by indicator (plan order), year and revision. */
export function observationRows(snapshot: PlanSnapshot): ObservationRow[] {
  const rows: ObservationRow[] = [];
  for (const indicator of snapshot.indicators) {
    const revisions = snapshot.observations.filter((o) => o.indicatorId === indicator.id);
    const current = new Set(currentObservations(revisions));
    for (const observation of [...revisions].sort((a, b) => a.year - b.year || a.revision - b.revision)) {
      rows.push({ observation, indicator, current: current.has(observation) });
    }
  }
  return rows;
}

export const projectRows = (snapshot: PlanSnapshot) =>
  [...snapshot.projects].sort((a, b) => a.box - b.box || a.id.localeCompare(b.id));
export const historyRows = (snapshot: PlanSnapshot) => snapshot.history;

/** Every published summary of every period: the plan first, then categories, then targets, as ranked. */
export function ratingRows(documents: readonly PeriodSummaries[]): RatingRow[] {
  return documents.flatMap((document) =>
    [...(document.plan ? [document.plan] : []), ...document.categories, ...document.targets].map((summary) => ({
      document,
      summary,
    })),
  );
}

/** Published comments, by target in plan order, newest first within a target. */
export function commentRows(
  snapshot: PlanSnapshot,
  byTarget: ReadonlyArray<{ targetType: 'indicator' | 'project'; targetId: string; comments: PublishedComment[] }>,
): CommentRow[] {
  const names = new Map<string, string>([
    ...snapshot.indicators.map((i): [string, string] => [`indicator#${i.id}`, i.nameZh]),
    ...snapshot.projects.map((p): [string, string] => [`project#${p.id}`, p.titleZh]),
  ]);
  return byTarget.flatMap(({ targetType, targetId, comments }) =>
    comments.map((comment) => ({ comment, targetNameZh: names.get(`${targetType}#${targetId}`) ?? '' })),
  );
}

/**
 * plan.json: the plan as data, in the shape of shared/plan/licheng-14th.json (validated by
 * `Plan` in shared/plan/document.ts), with every published observation revision beside it.
 */
export function planDocument(snapshot: PlanSnapshot): Plan & { observations: PlanSnapshot['observations'] } {
  // The plan file's own fields: what the store adds (which file, its status) is not part of the format.
  const { contentHash: _contentHash, loadedBy: _loadedBy, status: _status, ...plan } = snapshot.plan;
  return {
    ...plan,
    categories: plan.categories,
    indicators: snapshot.indicators,
    history: snapshot.history,
    projects: projectRows(snapshot),
    observations: observationRows(snapshot).map((row) => row.observation),
  };
}
