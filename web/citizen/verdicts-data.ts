import type { AppDeps } from '../../shared/http/deps.js';
import { countsOf, filterVerdicts, type VerdictsDocument } from '../../shared/verdicts/verdicts.js';
import { PROJECTS_GROUP } from '../../shared/feedback/target-kinds.js';
import { snapshotOf } from './data.js';

/** What the verdicts page reads: the stored verdicts and, for units and category names, the plan. */
export type VerdictsPageDeps = Pick<AppDeps, 'verdicts' | 'plans'>;

export interface VerdictsFilter {
  period: string;
  category: string | undefined;
}

export interface VerdictsPageData {
  /** Null before the aggregation has run for this plan. */
  document: VerdictsDocument | null;
  /** The verdicts the filter leaves, counted again. */
  shown: Pick<VerdictsDocument, 'verdicts' | 'counts'>;
  filter: VerdictsFilter;
  periods: string[];
  /** The categories that have verdicts, in plan order, projects last, with their English names. */
  categories: Array<{ id: string; nameEn: string }>;
  /** Each indicator's unit, for its latest and expected values. */
  units: Map<string, { zh: string; en: string }>;
}

/**
 * The page's filter from its query string: a stored period (else all time) and a known category
 * (else every one). Anything else is ignored, as on the list pages, rather than refused.
 */
export async function verdictsPageData(
  deps: VerdictsPageDeps,
  planId: string,
  query: Record<string, string>,
): Promise<VerdictsPageData> {
  const [periods, snapshot] = await Promise.all([deps.verdicts.periods(planId), snapshotOf(deps, planId)]);
  const period = query.period && periods.includes(query.period) ? query.period : 'all';
  const document = await deps.verdicts.get(planId, period);
  const categories = [
    ...snapshot.plan.categories.filter((c) => snapshot.indicators.some((i) => i.category === c.id)),
    ...(snapshot.projects.length > 0 ? [{ id: PROJECTS_GROUP, nameEn: 'Projects' }] : []),
  ];
  const category = categories.some((c) => c.id === query.category) ? query.category : undefined;
  return {
    document,
    shown: document ? filterVerdicts(document, { category }) : { verdicts: [], counts: countsOf([]) },
    filter: { period, category },
    periods,
    categories,
    units: new Map(snapshot.indicators.map((i) => [i.id, { zh: i.unit, en: i.unitEn }])),
  };
}
