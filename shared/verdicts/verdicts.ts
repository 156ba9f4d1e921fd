import type { TargetType } from '../feedback/target.js';
import { PROJECTS_GROUP, TARGET_KINDS } from '../feedback/target-kinds.js';
import type { Observation } from '../plan/observation.js';
import { projectWithProgress, type ProgressRevision } from '../plan/progress.js';
import type { Indicator, Project } from '../plan/schema.js';
import { indicatorView } from '../plan/views.js';
import type { PeriodSummaries } from '../ratings/documents.js';
import { targetScope } from '../ratings/scopes.js';
import { scopeSummaryIn } from '../ratings/views.js';
import type { Proportion } from '../ratings/statistics.js';
import {
  citizensStanding,
  classify,
  indicatorStanding,
  projectStanding,
  REGIONS,
  type CitizensStanding,
  type OfficialStanding,
  type Region,
  type UndeterminedReason,
  type VerdictThresholds,
} from './classify.js';

/** The official verdict on a target: an indicator's computed status, a project's reported one. */
export interface OfficialVerdict {
  /** A ProgressStatus for an indicator, a ProjectStatus for a project. */
  status: string;
  standing: OfficialStanding;
  /** Indicators: observed / required change per year (docs/status-method.md); null when undefined. */
  ratio: number | null;
  /** Indicators: the latest official value and the trajectory's value in its year. */
  latest: { year: number; value: number } | null;
  expected: number | null;
  /** Projects: percent complete, as reported. */
  percent: number | null;
}

/** The citizens' verdict: the published rating summary of the target in the period. */
export interface CitizensVerdict {
  count: number;
  mean: number | null;
  bayesianMean: number | null;
  /** 满意率 with its 95% Wilson interval; null with no ratings. */
  satisfaction: Proportion | null;
  tooFew: boolean;
  standing: CitizensStanding;
}

export interface Verdict {
  targetType: TargetType;
  targetId: string;
  nameZh: string;
  nameEn: string;
  /** The indicator's category, or `projects`. */
  category: string;
  official: OfficialVerdict;
  citizens: CitizensVerdict;
  region: Region;
  reason: UndeterminedReason | null;
}

/** Every target's two verdicts in one period (`all` or a year), as the aggregation stores them. */
export interface VerdictsDocument {
  planId: string;
  period: string;
  /** The version of the rating summaries they were computed from (0: none published yet). */
  ratingsVersion: number;
  minRatings: number;
  thresholds: VerdictThresholds;
  counts: Record<Region, number>;
  /** Disagreements first (paper-progress, quiet-success), then agreements, then undetermined; plan order within. */
  verdicts: Verdict[];
}

export interface VerdictInputs {
  planId: string;
  indicators: readonly Indicator[];
  projects: readonly Project[];
  observations: readonly Observation[];
  progress: readonly ProgressRevision[];
}

/** The first moment of the year after `year` in China Standard Time, where the plan is in force. */
const endOfYear = (year: number) => Date.parse(`${year + 1}-01-01T00:00:00+08:00`);

/**
 * The verdicts of one period. For a year, the official side is what was known for that year: an
 * indicator's values up to it, a project's report current at its end; the citizens' side is that
 * year's ratings. For `all`, the latest of both.
 */
export function verdictsOf(
  inputs: VerdictInputs,
  period: string,
  summaries: PeriodSummaries | null,
  settings: { minRatings: number; thresholds: VerdictThresholds },
): VerdictsDocument {
  const year = period === 'all' ? null : Number(period);
  const minRatings = summaries?.minRatings ?? settings.minRatings;
  const citizensOf = (targetType: TargetType, targetId: string): CitizensVerdict => {
    const s = scopeSummaryIn(summaries, targetScope(targetType, targetId), minRatings);
    return {
      count: s.count,
      mean: s.mean,
      bayesianMean: s.bayesianMean,
      satisfaction: s.satisfaction,
      tooFew: s.count < minRatings,
      standing: citizensStanding(s, minRatings, settings.thresholds),
    };
  };
  const verdict = (
    targetType: TargetType,
    targetId: string,
    names: { nameZh: string; nameEn: string },
    category: string,
    official: OfficialVerdict,
  ): Verdict => {
    const citizens = citizensOf(targetType, targetId);
    return {
      targetType,
      targetId,
      ...names,
      category,
      official,
      citizens,
      ...classify(official.standing, citizens.standing),
    };
  };

  const observations = year === null ? inputs.observations : inputs.observations.filter((o) => o.year <= year);
  const reports =
    year === null ? inputs.progress : inputs.progress.filter((r) => Date.parse(r.recordedAt) < endOfYear(year));
  const verdicts = [
    ...inputs.indicators.map((indicator) => {
      const { progress, latest } = indicatorView(indicator, observations);
      return verdict('indicator', indicator.id, TARGET_KINDS.indicator.names(indicator), indicator.category, {
        status: progress.status,
        standing: indicatorStanding(progress.status),
        ratio: progress.ratio,
        latest,
        expected: progress.expectedAtLatest,
        percent: null,
      });
    }),
    ...inputs.projects.map((project) => {
      const reported = projectWithProgress(project, reports);
      return verdict('project', project.id, TARGET_KINDS.project.names(project), PROJECTS_GROUP, {
        status: reported.status,
        standing: projectStanding(reported.status),
        ratio: null,
        latest: null,
        expected: null,
        percent: reported.progress,
      });
    }),
  ];
  const order = (region: Region) => REGIONS.indexOf(region);
  // A stable sort keeps the plan's order within each region.
  verdicts.sort((a, b) => order(a.region) - order(b.region));
  return {
    planId: inputs.planId,
    period,
    ratingsVersion: summaries?.version ?? 0,
    minRatings,
    thresholds: settings.thresholds,
    counts: countsOf(verdicts),
    verdicts,
  };
}

/** How many verdicts fall in each region. */
export const countsOf = (verdicts: readonly Verdict[]) =>
  Object.fromEntries(REGIONS.map((r) => [r, verdicts.filter((v) => v.region === r).length])) as Record<Region, number>;

/** The verdicts of one category or one region, counted again over what is left. */
export function filterVerdicts<D extends Pick<VerdictsDocument, 'verdicts' | 'counts'>>(
  document: D,
  filter: { category?: string | undefined; region?: Region | undefined },
): D {
  const verdicts = document.verdicts.filter(
    (v) => (!filter.category || v.category === filter.category) && (!filter.region || v.region === filter.region),
  );
  return { ...document, verdicts, counts: countsOf(verdicts) };
}

/** What is known before the first aggregation run: nothing, and no thresholds applied yet. */
export const emptyVerdicts = (
  planId: string,
  minRatings: number,
): Omit<VerdictsDocument, 'thresholds'> & { thresholds: null } => ({
  planId,
  period: 'all',
  ratingsVersion: 0,
  minRatings,
  thresholds: null,
  counts: countsOf([]),
  verdicts: [],
});

/** Every stored period's verdicts of a plan, all-time first, then the years in order. */
export async function storedVerdicts(
  store: {
    periods(planId: string): Promise<string[]>;
    get(planId: string, period: string): Promise<VerdictsDocument | null>;
  },
  planId: string,
): Promise<VerdictsDocument[]> {
  const documents = await Promise.all((await store.periods(planId)).map((period) => store.get(planId, period)));
  return documents.filter((d): d is VerdictsDocument => d !== null);
}
