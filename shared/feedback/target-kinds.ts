import type { Indicator, Project } from '../plan/schema.js';
import { TargetType } from './target.js';

/**
 * The kinds of target citizens rate: an indicator of the plan, a project of its boxes. What
 * differs between them lives here, one record per kind, so that feeds, store keys, routes, pages
 * and messages look a kind up instead of asking `targetType === 'indicator' ? … : …`. A new kind
 * is one more value of TargetType and one more record below; the typecheck names what it needs.
 */

/** The plan's record of each kind. */
export interface TargetRecords {
  indicator: Indicator;
  project: Project;
}

/** The targets of a plan (a plan file, a stored snapshot). */
export type PlanTargets = { indicators: readonly Indicator[]; projects: readonly Project[] };

export interface TargetKind<T extends TargetType = TargetType> {
  type: T;
  /** Its plural in every address: the page `/indicators/{id}`, `/api/v1/indicators/{id}/…`, `/api/v1/feeds/indicators/{id}.atom`. */
  collection: string;
  /** The sort key of its definition item in the plan's partition starts `INDICATOR#` (shared/store/keys.ts builds the keys). */
  keyPrefix: string;
  /** One of them, in words: 指标, indicator. */
  label: { zh: string; en: string };
  /** One of them with its article, for English sentences: an indicator. */
  labelWithArticle: string;
  /** Their heading in the API reference: Indicators. */
  heading: string;
  /**
   * The group its ratings also count in besides the target and the plan (shared/ratings/scopes.ts):
   * the same for every target of the kind (all projects together: `projects`), or null for the
   * plan's category of each target.
   */
  ratingGroup: string | null;
  /** Its targets in a plan, in the plan's order. */
  inPlan(plan: PlanTargets): readonly TargetRecords[T][];
  /** A target's name in both languages. */
  names(target: TargetRecords[T]): { nameZh: string; nameEn: string };
  /**
   * Its public page, in the plan whose pages start at `base` (`/plans/{planId}`; '' for the
   * unscoped addresses of the current plan, web/citizen/place.ts).
   */
  pagePath(id: string, base?: string): string;
  /** The list of its targets, in the plan whose pages start at `base`. */
  listPath(base?: string): string;
}

const pagePathIn =
  (collection: string) =>
  (id: string, base = '') =>
    `${base}/${collection}/${encodeURIComponent(id)}`;
const listPathIn =
  (collection: string) =>
  (base = '') =>
    `${base}/${collection}`;

const KINDS = {
  indicator: {
    type: 'indicator',
    collection: 'indicators',
    keyPrefix: 'INDICATOR',
    label: { zh: '指标', en: 'indicator' },
    labelWithArticle: 'an indicator',
    heading: 'Indicators',
    ratingGroup: null,
    inPlan: (plan) => plan.indicators,
    names: (indicator) => ({ nameZh: indicator.nameZh, nameEn: indicator.nameEn }),
    pagePath: pagePathIn('indicators'),
    listPath: listPathIn('indicators'),
  },
  project: {
    type: 'project',
    collection: 'projects',
    keyPrefix: 'PROJECT',
    label: { zh: '项目', en: 'project' },
    labelWithArticle: 'a project',
    heading: 'Projects',
    ratingGroup: 'projects',
    inPlan: (plan) => plan.projects,
    names: (project) => ({ nameZh: project.titleZh, nameEn: project.titleEn }),
    pagePath: pagePathIn('projects'),
    listPath: listPathIn('projects'),
  },
} as const satisfies { [T in TargetType]: TargetKind<T> };

export const TARGET_KINDS: { readonly [T in TargetType]: TargetKind<T> } = KINDS;

/** The one group all projects' ratings count in (a category of their own in the rankings). */
export const PROJECTS_GROUP = KINDS.project.ratingGroup;

/** Every kind, in the order lists and menus show them (indicators first). */
export const TARGET_KIND_LIST: readonly TargetKind[] = TargetType.options.map((type) => TARGET_KINDS[type]);

export const targetKind = <T extends TargetType>(type: T): TargetKind<T> => TARGET_KINDS[type];

/** The kind whose addresses use this plural (`indicators` → the indicator kind), if any. */
export const kindOfCollection = (collection: string): TargetKind | undefined =>
  TARGET_KIND_LIST.find((kind) => kind.collection === collection);

/**
 * The kind a collection names, where a route's pattern lets only collections through
 * (`:collection{indicators|projects}`): anything else is a mistake in the route, not in the request.
 */
export function kindNamedBy(collection: string): TargetKind {
  const kind = kindOfCollection(collection);
  if (!kind) throw new Error(`no kind of target is called ${collection}`);
  return kind;
}

/** A target by type and id with its names, as lists, feeds and pages name it. */
export interface NamedTarget {
  targetType: TargetType;
  targetId: string;
  nameZh: string;
  nameEn: string;
}

export const namedTarget = <T extends TargetType>(type: T, target: TargetRecords[T]): NamedTarget => ({
  targetType: type,
  targetId: target.id,
  ...targetKind(type).names(target),
});

const namedOfKind = <T extends TargetType>(type: T, plan: PlanTargets): NamedTarget[] =>
  targetKind(type)
    .inPlan(plan)
    .map((target) => namedTarget(type, target));

/** Every target of a plan with its names: indicators, then projects, each in the plan's order. */
export const namedTargets = (plan: PlanTargets): NamedTarget[] =>
  TargetType.options.flatMap((type) => namedOfKind(type, plan));
