import type { Cell, Indicator } from '../plan/schema.js';
import type { ProgressAssessment } from '../progress/assessment.js';
import {
  BOX3,
  column,
  INDICATOR_UNIT,
  printedCellColumns,
  provenance,
  PUBLISHER,
  STATUS_METHOD,
  type Column,
  type Dataset,
} from './columns.js';

/** One of the plan's main indicators, with its latest value and the progress status computed from it. */
export interface IndicatorRow {
  indicator: Indicator;
  categoryEn: string;
  latest: { year: number; value: number } | null;
  progress: ProgressAssessment;
}

/**
 * The baseline and the target are each printed as a year and a cell: `<name>_year`, then the cell's
 * number and text (printedCellColumns), all read from the column `printedAs` of the main indicators table.
 */
const yearAndCellColumns = (
  name: 'baseline' | 'target',
  described: {
    yearEn: string;
    yearZh: string;
    en: string;
    zh: string;
    textEn: string;
    textZh: string;
    printedAs: string;
  },
  year: (indicator: Indicator) => number,
  cell: (indicator: Indicator) => Cell,
): Array<Column<IndicatorRow>> => [
  column({
    name: `${name}_year`,
    type: 'integer',
    unit: 'year',
    en: described.yearEn,
    zh: described.yearZh,
    source: BOX3,
    value: (r) => year(r.indicator),
  }),
  ...printedCellColumns<IndicatorRow>(
    name,
    {
      unit: INDICATOR_UNIT,
      en: described.en,
      zh: described.zh,
      textEn: described.textEn,
      textZh: described.textZh,
      source: `${BOX3}, ${described.printedAs}`,
    },
    (r) => cell(r.indicator),
  ),
];

/** indicators.csv / indicators.json: the plan's 专栏3, one row an indicator, with its progress status. */
export const indicators: Dataset<IndicatorRow> = {
  id: 'indicators',
  titleZh: '主要指标',
  titleEn: 'Main indicators',
  rowEn: 'one of the plan’s 31 main indicators, with its current progress status',
  rowZh: '规划的一项主要指标及其当前进展状态',
  source: `${BOX3}; status ${STATUS_METHOD}`,
  columns: [
    column({
      name: 'id',
      en: 'Stable id of the indicator',
      zh: '指标标识',
      source: 'gongping',
      value: (r) => r.indicator.id,
    }),
    column({
      name: 'seq',
      type: 'integer',
      en: 'Sequence number (序号) in the table',
      zh: '序号',
      source: `${BOX3}, 序号`,
      value: (r) => r.indicator.seq,
    }),
    column({
      name: 'category',
      en: 'Category (分类), in Chinese as printed',
      zh: '分类',
      source: `${BOX3}, 分类`,
      value: (r) => r.indicator.category,
    }),
    column({
      name: 'category_en',
      en: 'Category in English',
      zh: '分类（英文）',
      source: 'gongping translation',
      value: (r) => r.categoryEn,
    }),
    column({
      name: 'name_zh',
      en: 'Name of the indicator as printed, unit split off',
      zh: '指标名称',
      source: `${BOX3}, 指标名称`,
      value: (r) => r.indicator.nameZh,
    }),
    column({
      name: 'name_en',
      en: 'Name in English',
      zh: '指标名称（英文）',
      source: 'gongping translation',
      value: (r) => r.indicator.nameEn,
    }),
    column({
      name: 'unit',
      en: 'Unit of the baseline, target and values, as printed (empty: none given)',
      zh: '单位',
      source: `${BOX3}, 指标名称括号中的单位`,
      value: (r) => r.indicator.unit,
    }),
    column({
      name: 'unit_en',
      en: 'Unit in English',
      zh: '单位（英文）',
      source: 'gongping translation',
      value: (r) => r.indicator.unitEn,
    }),
    column({
      name: 'attribute',
      en: '`expected` (预期性, indicative) or `binding` (约束性, obligatory)',
      zh: '属性：expected 预期性，binding 约束性',
      source: `${BOX3}, 属性`,
      value: (r) => r.indicator.attribute,
    }),
    column({
      name: 'direction',
      en: '`higher` or `lower` is better',
      zh: '方向：higher 越高越好，lower 越低越好',
      source: 'gongping, from the indicator’s meaning',
      value: (r) => r.indicator.direction,
    }),
    column({
      name: 'measure',
      en: 'Kind of quantity: `level`, `share` (percentage of a whole), `rate` (itself a yearly rate) or `cumulative` (counted from zero over the period)',
      zh: '量的类型：level 水平值，share 比重，rate 年度增速，cumulative 期间累计',
      source: 'gongping, decides the status method',
      value: (r) => r.indicator.measure,
    }),
    ...yearAndCellColumns(
      'baseline',
      {
        yearEn: 'Year of the baseline',
        yearZh: '基期年份',
        en: 'Baseline value, of `baseline_year`; empty when the plan gives no number',
        zh: '基期值（基期年份）；规划未给出数值时为空',
        textEn: 'The baseline cell exactly as printed (“-”, “--”, a statement, or the number)',
        textZh: '基期值原文',
        printedAs: '基期值',
      },
      (i) => i.baselineYear,
      (i) => i.baseline,
    ),
    ...yearAndCellColumns(
      'target',
      {
        yearEn: 'Year of the target',
        yearZh: '目标年份',
        en: 'Target value, for `target_year`; empty when the plan gives no number',
        zh: '目标值（目标年份）；规划未给出数值时为空',
        textEn: 'The target cell exactly as printed (e.g. 完成市下达目标)',
        textZh: '目标值原文',
        printedAs: '目标值',
      },
      (i) => i.targetYear,
      (i) => i.target,
    ),
    column({
      name: 'growth_percent',
      type: 'number',
      unit: 'percent per year',
      en: 'Annual growth target, signed (negative: a decline)',
      zh: '年均增长目标（%），负数为下降',
      source: `${BOX3}, 年均增幅`,
      nullable: true,
      value: (r) => r.indicator.growth?.percent ?? null,
    }),
    column({
      name: 'growth_at_least',
      type: 'boolean',
      en: 'The growth target is a floor (不低于/以上)',
      zh: '增长目标为下限',
      source: `${BOX3}, 年均增幅`,
      nullable: true,
      value: (r) => r.indicator.growth?.atLeast ?? null,
    }),
    column({
      name: 'growth_text',
      en: 'The growth cell as printed',
      zh: '年均增幅原文',
      source: `${BOX3}, 年均增幅`,
      nullable: true,
      value: (r) => r.indicator.growth?.raw ?? null,
    }),
    column({
      name: 'stretch',
      type: 'number',
      unit: 'as in `stretch_text`',
      en: 'Stretch goal (奋斗目标) of footnote 3, where there is one',
      zh: '奋斗目标（注3）',
      source: '主要目标, 注3',
      nullable: true,
      value: (r) => r.indicator.stretch?.value ?? null,
    }),
    column({
      name: 'stretch_text',
      en: 'The stretch goal as printed',
      zh: '奋斗目标原文',
      source: '主要目标, 注3',
      nullable: true,
      value: (r) => r.indicator.stretch?.raw ?? null,
    }),
    column({
      name: 'history_rows',
      en: 'Ids of the 专栏1 rows (dataset `history`) that track the same quantity, separated by spaces',
      zh: '对应的专栏1行标识（空格分隔）',
      source: 'gongping, matching 专栏1 to 专栏3',
      value: (r) => r.indicator.history.join(' '),
    }),
    column({
      name: 'source',
      en: 'Box and row of the plan the indicator was read from',
      zh: '出处',
      source: 'gongping',
      value: (r) => provenance(r.indicator.source),
    }),
    column({
      name: 'latest_year',
      type: 'integer',
      unit: 'year',
      en: 'Year of the latest value used for the status',
      zh: '用于评估的最新数据年份',
      source: PUBLISHER,
      nullable: true,
      value: (r) => r.latest?.year ?? null,
    }),
    column({
      name: 'latest_value',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'The latest published value (current revision)',
      zh: '最新公布值',
      source: PUBLISHER,
      nullable: true,
      value: (r) => r.latest?.value ?? null,
    }),
    column({
      name: 'status',
      en: 'Progress status: achieved, on_track, needs_acceleration, limited_progress, deteriorating or not_assessable',
      zh: '进展状态：已实现、进展顺利、需加快、进展有限、倒退、无法评估',
      source: STATUS_METHOD,
      value: (r) => r.progress.status,
    }),
    column({
      name: 'status_reason',
      en: 'Why this status, as a stable code',
      zh: '状态原因代码',
      source: STATUS_METHOD,
      value: (r) => r.progress.reason,
    }),
    column({
      name: 'method',
      en: 'How progress is measured: compound, linear, percentage-point or annual-floor',
      zh: '评估方法',
      source: STATUS_METHOD,
      nullable: true,
      value: (r) => r.progress.method,
    }),
    column({
      name: 'required_per_year',
      type: 'number',
      unit: 'fraction per year (compound); the indicator’s unit per year (linear, percentage-point); the floor (annual-floor)',
      en: 'Change per year needed to reach the target',
      zh: '达到目标所需的年均变化',
      source: STATUS_METHOD,
      nullable: true,
      value: (r) => r.progress.required,
    }),
    column({
      name: 'observed_per_year',
      type: 'number',
      unit: 'as `required_per_year`',
      en: 'Change per year observed so far',
      zh: '实际年均变化',
      source: STATUS_METHOD,
      nullable: true,
      value: (r) => r.progress.observed,
    }),
    column({
      name: 'ratio',
      type: 'number',
      en: 'Observed over required change; ≥ 0.95 on track, 0.60–0.95 needs acceleration, 0–0.60 limited, < 0 deteriorating',
      zh: '实际与所需变化之比',
      source: STATUS_METHOD,
      nullable: true,
      value: (r) => r.progress.ratio,
    }),
    column({
      name: 'expected_at_latest',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'Where the trajectory to the target stands in the latest year',
      zh: '最新年份的应达值',
      source: STATUS_METHOD,
      nullable: true,
      value: (r) => r.progress.expectedAtLatest,
    }),
    column({
      name: 'target_used',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'The target-year level progress is measured against (published, or implied by the growth rate)',
      zh: '评估所用的目标年份目标值',
      source: STATUS_METHOD,
      nullable: true,
      value: (r) => r.progress.target?.value ?? null,
    }),
    column({
      name: 'target_implied',
      type: 'boolean',
      en: '`target_used` is derived from the growth rate, not printed in the plan',
      zh: '目标值由增速推算',
      source: STATUS_METHOD,
      nullable: true,
      value: (r) => r.progress.target?.implied ?? null,
    }),
  ],
};
