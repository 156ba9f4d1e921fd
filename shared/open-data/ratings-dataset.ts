import { RATING_LEVELS } from '../feedback/rating.js';
import type { PeriodSummaries, ScopeSummary } from '../ratings/documents.js';
import { column, type Column, type Dataset } from './columns.js';

/** One scope's published rating summary in one period. */
export interface RatingRow {
  document: PeriodSummaries;
  summary: ScopeSummary;
}

const AGGREGATION = 'citizens’ ratings, counted and published by gongping’s aggregation (shared/ratings)';

const WILSON_ENDS = [
  { key: 'lower', en: 'Lower', zh: '下限' },
  { key: 'upper', en: 'Upper', zh: '上限' },
] as const;

/** A share of the ratings and the ends of its 95% Wilson interval, as three columns. */
const shareColumns = (
  name: string,
  shortZh: string,
  en: string,
  zh: string,
  pick: (summary: ScopeSummary) => ScopeSummary['satisfaction'],
): Array<Column<RatingRow>> => [
  column({
    name,
    type: 'number',
    unit: 'share (0–1)',
    en,
    zh,
    source: AGGREGATION,
    nullable: true,
    value: (r) => pick(r.summary)?.share ?? null,
  }),
  ...WILSON_ENDS.map((end) =>
    column<RatingRow>({
      name: `${name}_${end.key}`,
      type: 'number',
      unit: 'share (0–1)',
      en: `${end.en} end of its 95% Wilson interval`,
      zh: `${shortZh}95%置信区间${end.zh}`,
      source: AGGREGATION,
      nullable: true,
      value: (r) => pick(r.summary)?.[end.key] ?? null,
    }),
  ),
];

/** ratings.csv / ratings.json: the published aggregates of the citizens' ratings, every scope and period. */
export const ratings: Dataset<RatingRow> = {
  id: 'ratings',
  titleZh: '群众评价汇总（好差评）',
  titleEn: 'Citizens’ ratings, published aggregates',
  rowEn:
    'the published rating summary of one scope (a target, a category or the whole plan) in one period (all time, a year or a month)',
  rowZh: '某一范围（指标或项目、类别、整个规划）在某一期间（全部、年度、月度）的评价汇总',
  source: AGGREGATION,
  columns: [
    column({
      name: 'period',
      en: '`all`, a year (2025) or a month (2025-06), in China Standard Time',
      zh: '期间：all 全部、年度、月度（北京时间）',
      source: AGGREGATION,
      value: (r) => r.document.period,
    }),
    column({
      name: 'scope',
      en: '`indicator#{id}`, `project#{id}`, `category#{category}` or `plan#{planId}`',
      zh: '范围',
      source: AGGREGATION,
      value: (r) => r.summary.scope,
    }),
    column({
      name: 'kind',
      en: '`target`, `category` or `plan`',
      zh: '范围类型',
      source: AGGREGATION,
      value: (r) => r.summary.kind,
    }),
    column({
      name: 'target_type',
      en: '`indicator` or `project`, for a target',
      zh: '评价对象类型',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.targetType ?? null,
    }),
    column({
      name: 'target_id',
      en: 'Id of the indicator or project, for a target',
      zh: '评价对象标识',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.targetId ?? null,
    }),
    column({
      name: 'category',
      en: 'The category (or `projects`), for a category',
      zh: '类别',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.category ?? null,
    }),
    column({
      name: 'count',
      type: 'integer',
      unit: 'ratings',
      en: 'Number of ratings counted (a voter’s replaced rating is not counted twice)',
      zh: '评价数',
      source: AGGREGATION,
      value: (r) => r.summary.count,
    }),
    ...RATING_LEVELS.map((level): Column<RatingRow> => ({
      name: `level_${level.value}`,
      type: 'integer',
      unit: 'ratings',
      en: `Ratings of level ${level.value} (${level.en})`,
      zh: `${level.zh}（${level.value}）的评价数`,
      source: AGGREGATION,
      value: (r) => r.summary.histogram[level.value - 1] ?? 0,
    })).reverse(),
    column({
      name: 'mean',
      type: 'number',
      unit: 'level (1–5)',
      en: 'Mean level',
      zh: '平均分',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.mean,
    }),
    ...shareColumns(
      'satisfaction',
      '满意率',
      '满意率: share of levels 4 and 5',
      '满意率（4、5级占比）',
      (s) => s.satisfaction,
    ),
    ...shareColumns(
      'dissatisfaction',
      '差评率',
      '差评率: share of levels 1 and 2',
      '差评率（1、2级占比）',
      (s) => s.dissatisfaction,
    ),
    column({
      name: 'bayesian_mean',
      type: 'number',
      unit: 'level (1–5)',
      en: 'Mean pulled towards the period’s plan-wide mean (`prior_mean`, weighted as `prior_weight` ratings); what ranks use',
      zh: '贝叶斯平均分（排名依据）',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.bayesianMean,
    }),
    column({
      name: 'rank',
      type: 'integer',
      en: 'Competition rank among scopes of the same kind with at least `min_ratings` ratings; empty otherwise',
      zh: '排名（评价数不足时为空）',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.rank,
    }),
    column({
      name: 'too_few_to_rank',
      type: 'boolean',
      en: 'Fewer than `min_ratings` ratings',
      zh: '评价数不足，不参与排名',
      source: AGGREGATION,
      value: (r) => r.summary.tooFewToRank,
    }),
    column({
      name: 'comments_published',
      type: 'integer',
      unit: 'comments',
      en: 'Comments published by moderators',
      zh: '已公开的留言数',
      source: AGGREGATION,
      value: (r) => r.summary.comments.published,
    }),
    column({
      name: 'comments_total',
      type: 'integer',
      unit: 'comments',
      en: 'Comments written, whatever their moderation status',
      zh: '留言总数',
      source: AGGREGATION,
      value: (r) => r.summary.comments.total,
    }),
    column({
      name: 'min_ratings',
      type: 'integer',
      unit: 'ratings',
      en: 'Ratings a scope needs to be ranked',
      zh: '参与排名的最少评价数',
      source: AGGREGATION,
      value: (r) => r.document.minRatings,
    }),
    column({
      name: 'prior_mean',
      type: 'number',
      unit: 'level (1–5)',
      en: 'The prior of the Bayesian mean: the period’s plan-wide mean',
      zh: '先验平均分',
      source: AGGREGATION,
      value: (r) => r.document.prior.mean,
    }),
    column({
      name: 'prior_weight',
      type: 'number',
      unit: 'ratings',
      en: 'Weight of the prior, in ratings',
      zh: '先验权重',
      source: AGGREGATION,
      value: (r) => r.document.prior.weight,
    }),
    column({
      name: 'version',
      type: 'integer',
      en: 'The aggregation run that published this summary',
      zh: '汇总版本',
      source: AGGREGATION,
      value: (r) => r.document.version,
    }),
  ],
};
