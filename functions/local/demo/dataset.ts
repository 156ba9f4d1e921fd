import type { Plan } from '../../../shared/plan/document.js';
import type { ProjectStatus } from '../../../shared/plan/schema.js';
import type { ProgressStatus } from '../../../shared/progress/assessment.js';
import { demoSeries, type DemoSeries } from './observations.js';
import { seededRandom, type Random } from './random.js';
import {
  CASE_OUTCOMES,
  demoRatings,
  regionsFor,
  SATISFIED_SHARE,
  type DemoRating,
  type RatedTarget,
  type Region,
} from './ratings.js';

/**
 * The whole synthetic data set of `npm run demo`, as plain data: made from a seed and the plans
 * alone (no clock, no store), so the same seed always gives the same data set. functions/local/demo/load.ts
 * writes it through the product's own domain functions and repositories.
 */

export const DEFAULT_SEED = 'gongping-demo';
/** "A few thousand ratings over five years". */
export const DEFAULT_RATINGS = 3000;
/** Indicators draw this share of the ratings and projects the rest, so each indicator gets enough (~50) to classify. */
const INDICATOR_SHARE = 0.6;
/** The sample plan (2026–2030) has been rated since January 2026: this share of the ratings, on top. */
const SAMPLE_PLAN_SHARE = 0.02;

export interface DemoProgressReport {
  planId: string;
  projectId: string;
  at: string;
  status: ProjectStatus;
  progress: number;
  note: string;
  /** Required from the second report of a project on. */
  reason?: string;
}

export interface DemoObservation {
  indicatorId: string;
  year: number;
  value: number;
  /** When the year's value is published: in March of the next year, with the statistical bulletin. */
  at: string;
}

export interface DemoDataset {
  seed: string;
  /** The plan the values, reports and ratings are for, and the sample plan shown beside it. */
  planId: string;
  samplePlanId: string | null;
  series: DemoSeries[];
  observations: DemoObservation[];
  /** The region of the two verdicts each indicator's ratings are steered into. */
  regions: Record<string, Region>;
  progress: DemoProgressReport[];
  ratings: DemoRating[];
}

export interface DemoOptions {
  seed?: string;
  ratings?: number;
}

const iso = (date: string) => new Date(date).toISOString();

/** Project fates: completed, under way, not started, or never reported (the plan's `unknown`). */
function projectReports(plan: Plan, random: Random): DemoProgressReport[] {
  return plan.projects.flatMap((project) => {
    const roll = random.next();
    if (roll < 0.15) return [];
    const final: ProjectStatus = roll < 0.45 ? 'completed' : roll < 0.9 ? 'in_progress' : 'not_started';
    if (final === 'not_started')
      return [
        {
          planId: plan.id,
          projectId: project.id,
          at: iso(`${plan.periodStart}-06-30T02:00:00Z`),
          status: final,
          progress: 0,
          note: '前期论证中（示例）',
        },
      ];
    const years = random.int(2, plan.periodEnd - plan.periodStart + 1);
    const finalProgress = final === 'completed' ? 100 : random.int(20, 90);
    return Array.from({ length: years }, (_, i): DemoProgressReport => {
      const last = i === years - 1;
      const progress = last ? finalProgress : Math.round((finalProgress * (i + 1)) / years / 5) * 5;
      return {
        planId: plan.id,
        projectId: project.id,
        at: iso(`${plan.periodStart + i}-12-20T02:00:00Z`),
        status: last ? final : 'in_progress',
        progress: Math.min(progress, last ? finalProgress : 95),
        note: last && final === 'completed' ? '已建成投用（示例）' : `累计完成${Math.min(progress, 95)}%（示例）`,
        ...(i > 0 ? { reason: '年度进展更新' } : {}),
      };
    });
  });
}

/** The data set for `plan` (the ratings' plan) and, beside it, a sample plan with a first report or two. */
export function demoDataset(plan: Plan, samplePlan: Plan | null, options: DemoOptions = {}): DemoDataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const random = seededRandom(seed);
  const series = demoSeries(plan.indicators, random);
  const observations = series.flatMap((s) =>
    s.values.map((v) => ({ indicatorId: s.indicatorId, ...v, at: iso(`${v.year + 1}-03-20T02:00:00Z`) })),
  );
  const statuses = new Map<string, ProgressStatus>(series.map((s) => [s.indicatorId, s.status]));
  const regions = regionsFor(
    plan.indicators.map((i) => ({ indicatorId: i.id, status: statuses.get(i.id) ?? 'not_assessable' })),
  );
  const total = options.ratings ?? DEFAULT_RATINGS;
  const ratings = demoRatings(
    ratedTargets(plan, (id) => SATISFIED_SHARE[regions.get(id)!], random),
    {
      total,
      from: new Date(`${plan.periodStart}-01-01T00:00:00+08:00`),
      to: new Date(`${plan.periodEnd + 1}-01-01T00:00:00+08:00`),
      pendingAfter: new Date(`${plan.periodEnd}-12-01T00:00:00+08:00`),
    },
    random,
  );
  // A stream of its own, so the sample plan's ratings leave the main plan's data set as it was.
  const sampleRandom = seededRandom(`${seed}/sample`);
  const sampleRatings = samplePlan
    ? demoRatings(
        ratedTargets(samplePlan, () => SATISFIED_SHARE.undetermined, sampleRandom),
        {
          total: Math.max(1, Math.round(total * SAMPLE_PLAN_SHARE)),
          // Its first seven months: every follow-up (a late reply, a close 30 days on) is still in 2026.
          from: new Date(`${samplePlan.periodStart}-01-01T00:00:00+08:00`),
          to: new Date(`${samplePlan.periodStart}-08-01T00:00:00+08:00`),
          pendingAfter: new Date(`${samplePlan.periodStart}-07-01T00:00:00+08:00`),
        },
        sampleRandom,
      )
    : [];
  const sampleReports: DemoProgressReport[] = samplePlan
    ? samplePlan.projects.slice(0, 2).map((p) => ({
        planId: samplePlan.id,
        projectId: p.id,
        at: iso(`${samplePlan.periodStart}-06-30T02:00:00Z`),
        status: 'in_progress',
        progress: 10,
        note: '已开工（示例）',
      }))
    : [];
  return {
    seed,
    planId: plan.id,
    samplePlanId: samplePlan?.id ?? null,
    series,
    observations,
    regions: Object.fromEntries(regions),
    progress: [...projectReports(plan, random), ...sampleReports],
    ratings: [...ratings, ...sampleRatings],
  };
}

/** A plan's indicators (60 % of its ratings, at the share `indicatorShare` gives) and projects (a drawn share). */
function ratedTargets(plan: Plan, indicatorShare: (indicatorId: string) => number, random: Random): RatedTarget[] {
  const indicatorWeight = INDICATOR_SHARE / plan.indicators.length;
  const projectWeight = (1 - INDICATOR_SHARE) / Math.max(1, plan.projects.length);
  return [
    ...plan.indicators.map((i) => ({
      planId: plan.id,
      targetType: 'indicator' as const,
      targetId: i.id,
      name: i.nameZh,
      satisfiedShare: indicatorShare(i.id),
      weight: indicatorWeight,
    })),
    ...plan.projects.map((p) => ({
      planId: plan.id,
      targetType: 'project' as const,
      targetId: p.id,
      name: p.titleZh,
      satisfiedShare: Math.round((0.35 + random.next() * 0.5) * 100) / 100,
      weight: projectWeight,
    })),
  ];
}

/** The counts docs/demo.md documents, from a data set. */
export function demoCounts(dataset: DemoDataset) {
  // Everything but `sampleRatings` counts the main plan's ratings.
  const main = dataset.ratings.filter((r) => r.planId === dataset.planId);
  const commented = main.filter((r) => r.comment !== null);
  const published = commented.filter((r) => r.moderation?.action === 'publish');
  const cases = main.flatMap((r) => (r.case ? [r.case] : []));
  return {
    observations: dataset.observations.length,
    progressReports: dataset.progress.length,
    ratings: main.length,
    sampleRatings: dataset.ratings.length - main.length,
    reratings: cases.filter((c) => c.rerating !== null).length,
    comments: commented.length,
    pending: commented.filter((r) => r.moderation === null).length,
    published: published.length - published.filter((r) => r.hidden).length,
    rejected: commented.filter((r) => r.moderation?.action === 'reject').length,
    hidden: published.filter((r) => r.hidden).length,
    flagged: published.filter((r) => r.flags.length > 0).length,
    phoneNumbersMasked: commented.filter((r) => r.phone).length,
    cases: Object.fromEntries(CASE_OUTCOMES.map((o) => [o, cases.filter((c) => c.outcome === o).length])),
    statuses: Object.fromEntries(
      [...new Set(dataset.series.map((s) => s.status))].map((s) => [
        s,
        dataset.series.filter((x) => x.status === s).length,
      ]),
    ),
  };
}
