import type { PublishedComment } from '../feedback/record.js';
import { RATING_LEVELS } from '../feedback/rating.js';
import type { Observation } from '../plan/observation.js';
import type { Cell, HistoryRow, Indicator, Project, Provenance } from '../plan/schema.js';
import type { ProgressAssessment } from '../progress/assessment.js';
import type { PeriodSummaries, ScopeSummary } from '../ratings/documents.js';
import { verdicts, type VerdictRow } from './verdicts-dataset.js';

/**
 * The open datasets and every column in them: name, type, unit, meaning in Chinese and English,
 * where the value comes from, and how it is read off a row. The CSV headers, the JSON rows, the
 * data dictionary page (GET /open-data), docs/open-data.md and the JSON schemas in the OpenAPI
 * document are all generated from this one module, so none of them can say something else.
 */

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
export type CellValue = string | number | boolean | null;

export interface Column<Row> {
  name: string;
  type: ColumnType;
  /** The unit of the value; null when it has none (ids, text, counts of things named in the column). */
  unit: string | null;
  en: string;
  zh: string;
  /** Where the value comes from: the plan's box and column, or the part of gongping that produces it. */
  source: string;
  /** May be empty (null in JSON). */
  nullable?: boolean;
  /** Text written by citizens or staff: guarded against spreadsheet formula injection in CSV. */
  freeText?: boolean;
  value: (row: Row) => CellValue;
}

export interface Dataset<Row> {
  id: string;
  titleZh: string;
  titleEn: string;
  /** What one row is. */
  rowEn: string;
  rowZh: string;
  source: string;
  columns: ReadonlyArray<Column<Row>>;
}

// ---------------------------------------------------------------------------------------------
// Row inputs, built by rows.ts from what the store holds

export interface IndicatorRow {
  indicator: Indicator;
  categoryEn: string;
  latest: { year: number; value: number } | null;
  progress: ProgressAssessment;
}
export interface ObservationRow {
  observation: Observation;
  indicator: Indicator;
  /** This revision is the highest of its year. */
  current: boolean;
}
export interface RatingRow {
  document: PeriodSummaries;
  summary: ScopeSummary;
}
export interface CommentRow {
  comment: PublishedComment;
  targetNameZh: string;
}

export interface DatasetRows {
  indicators: IndicatorRow;
  observations: ObservationRow;
  projects: Project;
  history: HistoryRow;
  ratings: RatingRow;
  comments: CommentRow;
  verdicts: VerdictRow;
}
export type DatasetId = keyof DatasetRows;

// ---------------------------------------------------------------------------------------------
// Helpers

const numberOf = (cell: Cell) => (cell.kind === 'number' ? cell.value : null);
const textOf = (cell: Cell) => (cell.kind === 'qualitative' ? cell.text : cell.raw);
const provenance = (p: Provenance) =>
  [p.box, p.row !== undefined ? `第${p.row}行` : null, p.footnote !== undefined ? `注${p.footnote}` : null]
    .filter(Boolean)
    .join(' ');
const levelZh = (rating: number) => RATING_LEVELS.find((l) => l.value === rating)?.zh ?? null;
const BOX3 = '专栏3 “十四五”经济社会发展主要指标';
const BOX1 = '专栏1 “十三五”规划纲要指标完成情况';
const METHOD = 'computed by gongping (shared/progress/status.ts; docs/status-method.md)';
const PUBLISHER = 'published by the district’s statistics publishers through gongping';

/** The unit column of an indicator: its own unit, from the plan. */
const INDICATOR_UNIT = 'the indicator’s unit (column `unit`)';

// ---------------------------------------------------------------------------------------------
// The datasets

const indicators: Dataset<IndicatorRow> = {
  id: 'indicators',
  titleZh: '主要指标',
  titleEn: 'Main indicators',
  rowEn: 'one of the plan’s 31 main indicators, with its current progress status',
  rowZh: '规划的一项主要指标及其当前进展状态',
  source: `${BOX3}; status ${METHOD}`,
  columns: [
    {
      name: 'id',
      type: 'string',
      unit: null,
      en: 'Stable id of the indicator',
      zh: '指标标识',
      source: 'gongping',
      value: (r) => r.indicator.id,
    },
    {
      name: 'seq',
      type: 'integer',
      unit: null,
      en: 'Sequence number (序号) in the table',
      zh: '序号',
      source: `${BOX3}, 序号`,
      value: (r) => r.indicator.seq,
    },
    {
      name: 'category',
      type: 'string',
      unit: null,
      en: 'Category (分类), in Chinese as printed',
      zh: '分类',
      source: `${BOX3}, 分类`,
      value: (r) => r.indicator.category,
    },
    {
      name: 'category_en',
      type: 'string',
      unit: null,
      en: 'Category in English',
      zh: '分类（英文）',
      source: 'gongping translation',
      value: (r) => r.categoryEn,
    },
    {
      name: 'name_zh',
      type: 'string',
      unit: null,
      en: 'Name of the indicator as printed, unit split off',
      zh: '指标名称',
      source: `${BOX3}, 指标名称`,
      value: (r) => r.indicator.nameZh,
    },
    {
      name: 'name_en',
      type: 'string',
      unit: null,
      en: 'Name in English',
      zh: '指标名称（英文）',
      source: 'gongping translation',
      value: (r) => r.indicator.nameEn,
    },
    {
      name: 'unit',
      type: 'string',
      unit: null,
      en: 'Unit of the baseline, target and values, as printed (empty: none given)',
      zh: '单位',
      source: `${BOX3}, 指标名称括号中的单位`,
      value: (r) => r.indicator.unit,
    },
    {
      name: 'unit_en',
      type: 'string',
      unit: null,
      en: 'Unit in English',
      zh: '单位（英文）',
      source: 'gongping translation',
      value: (r) => r.indicator.unitEn,
    },
    {
      name: 'attribute',
      type: 'string',
      unit: null,
      en: '`expected` (预期性, indicative) or `binding` (约束性, obligatory)',
      zh: '属性：expected 预期性，binding 约束性',
      source: `${BOX3}, 属性`,
      value: (r) => r.indicator.attribute,
    },
    {
      name: 'direction',
      type: 'string',
      unit: null,
      en: '`higher` or `lower` is better',
      zh: '方向：higher 越高越好，lower 越低越好',
      source: 'gongping, from the indicator’s meaning',
      value: (r) => r.indicator.direction,
    },
    {
      name: 'measure',
      type: 'string',
      unit: null,
      en: 'Kind of quantity: `level`, `share` (percentage of a whole), `rate` (itself a yearly rate) or `cumulative` (counted from zero over the period)',
      zh: '量的类型：level 水平值，share 比重，rate 年度增速，cumulative 期间累计',
      source: 'gongping, decides the status method',
      value: (r) => r.indicator.measure,
    },
    {
      name: 'baseline_year',
      type: 'integer',
      unit: 'year',
      en: 'Year of the baseline',
      zh: '基期年份',
      source: BOX3,
      value: (r) => r.indicator.baselineYear,
    },
    {
      name: 'baseline',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'Baseline value (2020); empty when the plan gives no number',
      zh: '基期值（2020年）；规划未给出数值时为空',
      source: `${BOX3}, 2020年`,
      nullable: true,
      value: (r) => numberOf(r.indicator.baseline),
    },
    {
      name: 'baseline_text',
      type: 'string',
      unit: null,
      en: 'The baseline cell exactly as printed (“-”, “--”, a statement, or the number)',
      zh: '基期值原文',
      source: `${BOX3}, 2020年`,
      value: (r) => textOf(r.indicator.baseline),
    },
    {
      name: 'target_year',
      type: 'integer',
      unit: 'year',
      en: 'Year of the target',
      zh: '目标年份',
      source: BOX3,
      value: (r) => r.indicator.targetYear,
    },
    {
      name: 'target',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'Target value (2025); empty when the plan gives no number',
      zh: '目标值（2025年）；规划未给出数值时为空',
      source: `${BOX3}, 2025年目标`,
      nullable: true,
      value: (r) => numberOf(r.indicator.target),
    },
    {
      name: 'target_text',
      type: 'string',
      unit: null,
      en: 'The target cell exactly as printed (e.g. 完成市下达目标)',
      zh: '目标值原文',
      source: `${BOX3}, 2025年目标`,
      value: (r) => textOf(r.indicator.target),
    },
    {
      name: 'growth_percent',
      type: 'number',
      unit: 'percent per year',
      en: 'Annual growth target, signed (negative: a decline)',
      zh: '年均增长目标（%），负数为下降',
      source: `${BOX3}, 年均增幅`,
      nullable: true,
      value: (r) => r.indicator.growth?.percent ?? null,
    },
    {
      name: 'growth_at_least',
      type: 'boolean',
      unit: null,
      en: 'The growth target is a floor (不低于/以上)',
      zh: '增长目标为下限',
      source: `${BOX3}, 年均增幅`,
      nullable: true,
      value: (r) => r.indicator.growth?.atLeast ?? null,
    },
    {
      name: 'growth_text',
      type: 'string',
      unit: null,
      en: 'The growth cell as printed',
      zh: '年均增幅原文',
      source: `${BOX3}, 年均增幅`,
      nullable: true,
      value: (r) => r.indicator.growth?.raw ?? null,
    },
    {
      name: 'stretch',
      type: 'number',
      unit: 'as in `stretch_text`',
      en: 'Stretch goal (奋斗目标) of footnote 3, where there is one',
      zh: '奋斗目标（注3）',
      source: '主要目标, 注3',
      nullable: true,
      value: (r) => r.indicator.stretch?.value ?? null,
    },
    {
      name: 'stretch_text',
      type: 'string',
      unit: null,
      en: 'The stretch goal as printed',
      zh: '奋斗目标原文',
      source: '主要目标, 注3',
      nullable: true,
      value: (r) => r.indicator.stretch?.raw ?? null,
    },
    {
      name: 'history_rows',
      type: 'string',
      unit: null,
      en: 'Ids of the 专栏1 rows (dataset `history`) that track the same quantity, separated by spaces',
      zh: '对应的专栏1行标识（空格分隔）',
      source: 'gongping, matching 专栏1 to 专栏3',
      value: (r) => r.indicator.history.join(' '),
    },
    {
      name: 'source',
      type: 'string',
      unit: null,
      en: 'Box and row of the plan the indicator was read from',
      zh: '出处',
      source: 'gongping',
      value: (r) => provenance(r.indicator.source),
    },
    {
      name: 'latest_year',
      type: 'integer',
      unit: 'year',
      en: 'Year of the latest value used for the status',
      zh: '用于评估的最新数据年份',
      source: PUBLISHER,
      nullable: true,
      value: (r) => r.latest?.year ?? null,
    },
    {
      name: 'latest_value',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'The latest published value (current revision)',
      zh: '最新公布值',
      source: PUBLISHER,
      nullable: true,
      value: (r) => r.latest?.value ?? null,
    },
    {
      name: 'status',
      type: 'string',
      unit: null,
      en: 'Progress status: achieved, on_track, needs_acceleration, limited_progress, deteriorating or not_assessable',
      zh: '进展状态：已实现、进展顺利、需加快、进展有限、倒退、无法评估',
      source: METHOD,
      value: (r) => r.progress.status,
    },
    {
      name: 'status_reason',
      type: 'string',
      unit: null,
      en: 'Why this status, as a stable code',
      zh: '状态原因代码',
      source: METHOD,
      value: (r) => r.progress.reason,
    },
    {
      name: 'method',
      type: 'string',
      unit: null,
      en: 'How progress is measured: compound, linear, percentage-point or annual-floor',
      zh: '评估方法',
      source: METHOD,
      nullable: true,
      value: (r) => r.progress.method,
    },
    {
      name: 'required_per_year',
      type: 'number',
      unit: 'fraction per year (compound); the indicator’s unit per year (linear, percentage-point); the floor (annual-floor)',
      en: 'Change per year needed to reach the target',
      zh: '达到目标所需的年均变化',
      source: METHOD,
      nullable: true,
      value: (r) => r.progress.required,
    },
    {
      name: 'observed_per_year',
      type: 'number',
      unit: 'as `required_per_year`',
      en: 'Change per year observed so far',
      zh: '实际年均变化',
      source: METHOD,
      nullable: true,
      value: (r) => r.progress.observed,
    },
    {
      name: 'ratio',
      type: 'number',
      unit: null,
      en: 'Observed over required change; ≥ 0.95 on track, 0.60–0.95 needs acceleration, 0–0.60 limited, < 0 deteriorating',
      zh: '实际与所需变化之比',
      source: METHOD,
      nullable: true,
      value: (r) => r.progress.ratio,
    },
    {
      name: 'expected_at_latest',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'Where the trajectory to the target stands in the latest year',
      zh: '最新年份的应达值',
      source: METHOD,
      nullable: true,
      value: (r) => r.progress.expectedAtLatest,
    },
    {
      name: 'target_used',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'The 2025 level progress is measured against (published, or implied by the growth rate)',
      zh: '评估所用的2025年目标值',
      source: METHOD,
      nullable: true,
      value: (r) => r.progress.target?.value ?? null,
    },
    {
      name: 'target_implied',
      type: 'boolean',
      unit: null,
      en: '`target_used` is derived from the growth rate, not printed in the plan',
      zh: '目标值由增速推算',
      source: METHOD,
      nullable: true,
      value: (r) => r.progress.target?.implied ?? null,
    },
  ],
};

const observations: Dataset<ObservationRow> = {
  id: 'observations',
  titleZh: '指标年度数值（含全部修订）',
  titleEn: 'Indicator values by year, every revision',
  rowEn:
    'one published value of an indicator for a year; a correction is a new revision of the same year, with who, when and why',
  rowZh: '某指标某年度的一次公布值；更正为同一年度的新修订版本，注明更正人、时间与原因',
  source: PUBLISHER,
  columns: [
    {
      name: 'indicator_id',
      type: 'string',
      unit: null,
      en: 'Id of the indicator (dataset `indicators`)',
      zh: '指标标识',
      source: 'gongping',
      value: (r) => r.observation.indicatorId,
    },
    {
      name: 'indicator_name_zh',
      type: 'string',
      unit: null,
      en: 'Name of the indicator',
      zh: '指标名称',
      source: BOX3,
      value: (r) => r.indicator.nameZh,
    },
    {
      name: 'year',
      type: 'integer',
      unit: 'year',
      en: 'Year the value is for',
      zh: '数据年份',
      source: PUBLISHER,
      value: (r) => r.observation.year,
    },
    {
      name: 'value',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'The value',
      zh: '数值',
      source: PUBLISHER,
      value: (r) => r.observation.value,
    },
    {
      name: 'unit',
      type: 'string',
      unit: null,
      en: 'Unit of the value, from the plan',
      zh: '单位',
      source: BOX3,
      value: (r) => r.indicator.unit,
    },
    {
      name: 'revision',
      type: 'integer',
      unit: null,
      en: 'Revision of this year’s value: 1 first published, 2 the first correction, …',
      zh: '修订序号',
      source: 'gongping',
      value: (r) => r.observation.revision,
    },
    {
      name: 'current',
      type: 'boolean',
      unit: null,
      en: 'This is the highest revision of its year (the value in use)',
      zh: '是否为现行值',
      source: 'gongping',
      value: (r) => r.current,
    },
    {
      name: 'recorded_at',
      type: 'datetime',
      unit: 'ISO 8601, UTC',
      en: 'When the revision was published',
      zh: '公布时间',
      source: 'gongping',
      value: (r) => r.observation.recordedAt,
    },
    {
      name: 'recorded_by',
      type: 'string',
      unit: null,
      en: 'Who published it (the publishing office)',
      zh: '公布人',
      source: PUBLISHER,
      freeText: true,
      value: (r) => r.observation.recordedBy,
    },
    {
      name: 'reason',
      type: 'string',
      unit: null,
      en: 'Why: first publication, or what the correction corrects',
      zh: '公布或更正原因',
      source: PUBLISHER,
      freeText: true,
      value: (r) => r.observation.reason,
    },
    {
      name: 'data_source',
      type: 'string',
      unit: null,
      en: 'The statistical source cited by the publisher (e.g. a yearbook or bulletin)',
      zh: '数据来源',
      source: PUBLISHER,
      nullable: true,
      freeText: true,
      value: (r) => r.observation.source ?? null,
    },
  ],
};

const projects: Dataset<Project> = {
  id: 'projects',
  titleZh: '重点项目与举措',
  titleEn: 'Projects and measures',
  rowEn: 'a project or measure named in one of the plan’s boxes (专栏)',
  rowZh: '规划专栏中列出的一项工程、项目或举措',
  source: 'the plan’s boxes 专栏4–专栏25',
  columns: [
    {
      name: 'id',
      type: 'string',
      unit: null,
      en: 'Stable id of the project',
      zh: '项目标识',
      source: 'gongping',
      value: (p) => p.id,
    },
    {
      name: 'box',
      type: 'integer',
      unit: null,
      en: 'Number of the box (专栏) it is listed in',
      zh: '专栏编号',
      source: 'the plan',
      value: (p) => p.box,
    },
    {
      name: 'box_title',
      type: 'string',
      unit: null,
      en: 'Title of the box',
      zh: '专栏标题',
      source: 'the plan',
      value: (p) => p.boxTitle,
    },
    {
      name: 'title_zh',
      type: 'string',
      unit: null,
      en: 'The project as printed',
      zh: '项目名称（原文）',
      source: 'the plan’s box',
      value: (p) => p.titleZh,
    },
    {
      name: 'title_en',
      type: 'string',
      unit: null,
      en: 'The project in English',
      zh: '项目名称（英文）',
      source: 'gongping translation',
      value: (p) => p.titleEn,
    },
    {
      name: 'area',
      type: 'string',
      unit: null,
      en: 'Area or sub-heading of the box',
      zh: '领域',
      source: 'the plan’s box',
      value: (p) => p.area,
    },
    {
      name: 'status',
      type: 'string',
      unit: null,
      en: 'not_started, in_progress, completed, or unknown until a publisher reports one (the plan states none)',
      zh: '状态：未开工、在建、已完成、未知（规划未载明）',
      source: PUBLISHER,
      value: (p) => p.status,
    },
    {
      name: 'progress',
      type: 'number',
      unit: 'percent',
      en: 'Progress as reported by a publisher (0 until one does)',
      zh: '完成进度（%）',
      source: PUBLISHER,
      value: (p) => p.progress,
    },
    {
      name: 'goals',
      type: 'string',
      unit: null,
      en: 'Numeric goals the plan gives, as printed, separated by “；”',
      zh: '量化目标原文（以“；”分隔）',
      source: 'the plan’s box',
      value: (p) => p.goals.map((g) => g.raw).join('；'),
    },
    {
      name: 'source',
      type: 'string',
      unit: null,
      en: 'Box (and, where needed, the sentence) it was read from',
      zh: '出处',
      source: 'gongping',
      value: (p) => [provenance(p.source), p.source.text].filter(Boolean).join('：'),
    },
  ],
};

const history: Dataset<HistoryRow> = {
  id: 'history',
  titleZh: '“十三五”规划纲要指标完成情况（专栏1）',
  titleEn: 'Results of the 13th plan (box 1)',
  rowEn: 'a row of 专栏1: a 13th-plan indicator, its 2020 target, the 2015 and 2020 actuals and the remark',
  rowZh: '专栏1的一行',
  source: BOX1,
  columns: [
    {
      name: 'id',
      type: 'string',
      unit: null,
      en: 'Stable id of the row (h13-01 … h13-36)',
      zh: '行标识',
      source: 'gongping',
      value: (h) => h.id,
    },
    {
      name: 'seq',
      type: 'integer',
      unit: null,
      en: 'Sequence number (序号)',
      zh: '序号',
      source: `${BOX1}, 序号`,
      value: (h) => h.seq,
    },
    {
      name: 'group',
      type: 'string',
      unit: null,
      en: 'Group (分类) as printed',
      zh: '分类',
      source: `${BOX1}, 分类`,
      value: (h) => h.group,
    },
    {
      name: 'name_zh',
      type: 'string',
      unit: null,
      en: 'Indicator as printed, unit split off',
      zh: '指标名称',
      source: `${BOX1}, 指标`,
      value: (h) => h.nameZh,
    },
    {
      name: 'name_en',
      type: 'string',
      unit: null,
      en: 'Name in English',
      zh: '指标名称（英文）',
      source: 'gongping translation',
      nullable: true,
      value: (h) => h.nameEn ?? null,
    },
    {
      name: 'unit',
      type: 'string',
      unit: null,
      en: 'Unit as printed',
      zh: '单位',
      source: `${BOX1}, 指标括号中的单位`,
      value: (h) => h.unit,
    },
    {
      name: 'target_2020',
      type: 'number',
      unit: 'as `unit`',
      en: 'The 13th plan’s 2020 target; empty when not a number',
      zh: '“十三五”目标（2020年）',
      source: `${BOX1}, “十三五”目标`,
      nullable: true,
      value: (h) => numberOf(h.target2020),
    },
    {
      name: 'target_2020_text',
      type: 'string',
      unit: null,
      en: 'The target cell as printed',
      zh: '“十三五”目标原文',
      source: `${BOX1}, “十三五”目标`,
      value: (h) => textOf(h.target2020),
    },
    {
      name: 'actual_2015',
      type: 'number',
      unit: 'as `unit`',
      en: '2015 actual value',
      zh: '2015年实际值',
      source: `${BOX1}, 2015年实际`,
      nullable: true,
      value: (h) => numberOf(h.actual2015),
    },
    {
      name: 'actual_2015_text',
      type: 'string',
      unit: null,
      en: 'The 2015 cell as printed',
      zh: '2015年原文',
      source: `${BOX1}, 2015年实际`,
      value: (h) => textOf(h.actual2015),
    },
    {
      name: 'actual_2020',
      type: 'number',
      unit: 'as `unit`',
      en: '2020 actual value',
      zh: '2020年实际值',
      source: `${BOX1}, 2020年实际`,
      nullable: true,
      value: (h) => numberOf(h.actual2020),
    },
    {
      name: 'actual_2020_text',
      type: 'string',
      unit: null,
      en: 'The 2020 cell as printed',
      zh: '2020年原文',
      source: `${BOX1}, 2020年实际`,
      value: (h) => textOf(h.actual2020),
    },
    {
      name: 'remark',
      type: 'string',
      unit: null,
      en: 'Completion remark (完成情况) as printed',
      zh: '完成情况',
      source: `${BOX1}, 完成情况`,
      value: (h) => h.remark,
    },
    {
      name: 'source',
      type: 'string',
      unit: null,
      en: 'Box and row',
      zh: '出处',
      source: 'gongping',
      value: (h) => provenance(h.source),
    },
  ],
};

const AGGREGATION = 'citizens’ ratings, counted and published by gongping’s aggregation (shared/ratings)';
const ratings: Dataset<RatingRow> = {
  id: 'ratings',
  titleZh: '群众评价汇总（好差评）',
  titleEn: 'Citizens’ ratings, published aggregates',
  rowEn:
    'the published rating summary of one scope (a target, a category or the whole plan) in one period (all time, a year or a month)',
  rowZh: '某一范围（指标或项目、类别、整个规划）在某一期间（全部、年度、月度）的评价汇总',
  source: AGGREGATION,
  columns: [
    {
      name: 'period',
      type: 'string',
      unit: null,
      en: '`all`, a year (2025) or a month (2025-06), in China Standard Time',
      zh: '期间：all 全部、年度、月度（北京时间）',
      source: AGGREGATION,
      value: (r) => r.document.period,
    },
    {
      name: 'scope',
      type: 'string',
      unit: null,
      en: '`indicator#{id}`, `project#{id}`, `category#{category}` or `plan#{planId}`',
      zh: '范围',
      source: AGGREGATION,
      value: (r) => r.summary.scope,
    },
    {
      name: 'kind',
      type: 'string',
      unit: null,
      en: '`target`, `category` or `plan`',
      zh: '范围类型',
      source: AGGREGATION,
      value: (r) => r.summary.kind,
    },
    {
      name: 'target_type',
      type: 'string',
      unit: null,
      en: '`indicator` or `project`, for a target',
      zh: '评价对象类型',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.targetType ?? null,
    },
    {
      name: 'target_id',
      type: 'string',
      unit: null,
      en: 'Id of the indicator or project, for a target',
      zh: '评价对象标识',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.targetId ?? null,
    },
    {
      name: 'category',
      type: 'string',
      unit: null,
      en: 'The category (or `projects`), for a category',
      zh: '类别',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.category ?? null,
    },
    {
      name: 'count',
      type: 'integer',
      unit: 'ratings',
      en: 'Number of ratings counted (a voter’s replaced rating is not counted twice)',
      zh: '评价数',
      source: AGGREGATION,
      value: (r) => r.summary.count,
    },
    ...RATING_LEVELS.map((level): Column<RatingRow> => ({
      name: `level_${level.value}`,
      type: 'integer',
      unit: 'ratings',
      en: `Ratings of level ${level.value} (${level.en})`,
      zh: `${level.zh}（${level.value}）的评价数`,
      source: AGGREGATION,
      value: (r) => r.summary.histogram[level.value - 1] ?? 0,
    })).reverse(),
    {
      name: 'mean',
      type: 'number',
      unit: 'level (1–5)',
      en: 'Mean level',
      zh: '平均分',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.mean,
    },
    {
      name: 'satisfaction',
      type: 'number',
      unit: 'share (0–1)',
      en: '满意率: share of levels 4 and 5',
      zh: '满意率（4、5级占比）',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.satisfaction?.share ?? null,
    },
    {
      name: 'satisfaction_lower',
      type: 'number',
      unit: 'share (0–1)',
      en: 'Lower end of its 95% Wilson interval',
      zh: '满意率95%置信区间下限',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.satisfaction?.lower ?? null,
    },
    {
      name: 'satisfaction_upper',
      type: 'number',
      unit: 'share (0–1)',
      en: 'Upper end of its 95% Wilson interval',
      zh: '满意率95%置信区间上限',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.satisfaction?.upper ?? null,
    },
    {
      name: 'dissatisfaction',
      type: 'number',
      unit: 'share (0–1)',
      en: '差评率: share of levels 1 and 2',
      zh: '差评率（1、2级占比）',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.dissatisfaction?.share ?? null,
    },
    {
      name: 'dissatisfaction_lower',
      type: 'number',
      unit: 'share (0–1)',
      en: 'Lower end of its 95% Wilson interval',
      zh: '差评率95%置信区间下限',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.dissatisfaction?.lower ?? null,
    },
    {
      name: 'dissatisfaction_upper',
      type: 'number',
      unit: 'share (0–1)',
      en: 'Upper end of its 95% Wilson interval',
      zh: '差评率95%置信区间上限',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.dissatisfaction?.upper ?? null,
    },
    {
      name: 'bayesian_mean',
      type: 'number',
      unit: 'level (1–5)',
      en: 'Mean pulled towards the period’s plan-wide mean (`prior_mean`, weighted as `prior_weight` ratings); what ranks use',
      zh: '贝叶斯平均分（排名依据）',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.bayesianMean,
    },
    {
      name: 'rank',
      type: 'integer',
      unit: null,
      en: 'Competition rank among scopes of the same kind with at least `min_ratings` ratings; empty otherwise',
      zh: '排名（评价数不足时为空）',
      source: AGGREGATION,
      nullable: true,
      value: (r) => r.summary.rank,
    },
    {
      name: 'too_few_to_rank',
      type: 'boolean',
      unit: null,
      en: 'Fewer than `min_ratings` ratings',
      zh: '评价数不足，不参与排名',
      source: AGGREGATION,
      value: (r) => r.summary.tooFewToRank,
    },
    {
      name: 'comments_published',
      type: 'integer',
      unit: 'comments',
      en: 'Comments published by moderators',
      zh: '已公开的留言数',
      source: AGGREGATION,
      value: (r) => r.summary.comments.published,
    },
    {
      name: 'comments_total',
      type: 'integer',
      unit: 'comments',
      en: 'Comments written, whatever their moderation status',
      zh: '留言总数',
      source: AGGREGATION,
      value: (r) => r.summary.comments.total,
    },
    {
      name: 'min_ratings',
      type: 'integer',
      unit: 'ratings',
      en: 'Ratings a scope needs to be ranked',
      zh: '参与排名的最少评价数',
      source: AGGREGATION,
      value: (r) => r.document.minRatings,
    },
    {
      name: 'prior_mean',
      type: 'number',
      unit: 'level (1–5)',
      en: 'The prior of the Bayesian mean: the period’s plan-wide mean',
      zh: '先验平均分',
      source: AGGREGATION,
      value: (r) => r.document.prior.mean,
    },
    {
      name: 'prior_weight',
      type: 'number',
      unit: 'ratings',
      en: 'Weight of the prior, in ratings',
      zh: '先验权重',
      source: AGGREGATION,
      value: (r) => r.document.prior.weight,
    },
    {
      name: 'version',
      type: 'integer',
      unit: null,
      en: 'The aggregation run that published this summary',
      zh: '汇总版本',
      source: AGGREGATION,
      value: (r) => r.document.version,
    },
  ],
};

const MODERATION = 'citizens’ comments as published by moderators (no voter id, no personal data)';
const comments: Dataset<CommentRow> = {
  id: 'comments',
  titleZh: '已公开的群众留言及官方回复',
  titleEn: 'Published comments and official replies',
  rowEn:
    'a comment a moderator published, with the rating it came with and the official replies to it; nothing about the person who wrote it',
  rowZh: '一条经审核公开的留言、随附的评价等级及官方回复；不含任何评价人信息',
  source: MODERATION,
  columns: [
    {
      name: 'feedback_id',
      type: 'string',
      unit: null,
      en: 'Id of the rating the comment came with',
      zh: '评价标识',
      source: MODERATION,
      value: (r) => r.comment.feedbackId,
    },
    {
      name: 'target_type',
      type: 'string',
      unit: null,
      en: '`indicator` or `project`',
      zh: '评价对象类型',
      source: MODERATION,
      value: (r) => r.comment.targetType,
    },
    {
      name: 'target_id',
      type: 'string',
      unit: null,
      en: 'Id of the indicator or project',
      zh: '评价对象标识',
      source: MODERATION,
      value: (r) => r.comment.targetId,
    },
    {
      name: 'target_name_zh',
      type: 'string',
      unit: null,
      en: 'Its name as printed in the plan',
      zh: '评价对象名称',
      source: 'the plan',
      value: (r) => r.targetNameZh,
    },
    {
      name: 'rating',
      type: 'integer',
      unit: 'level (1–5)',
      en: 'The 好差评 level: 5 very satisfied … 1 very dissatisfied',
      zh: '评价等级：5 非常满意 … 1 非常不满意',
      source: MODERATION,
      value: (r) => r.comment.rating,
    },
    {
      name: 'rating_zh',
      type: 'string',
      unit: null,
      en: 'The level’s Chinese name',
      zh: '评价等级名称',
      source: 'GB/T 39734-2020',
      nullable: true,
      value: (r) => levelZh(r.comment.rating),
    },
    {
      name: 'comment',
      type: 'string',
      unit: null,
      en: 'The comment as published (NFC, trimmed, invisible format characters removed; personal data masked at submission). In CSV a leading = + - @ is preceded by an apostrophe so that spreadsheets do not run it; the JSON has the exact text',
      zh: '留言内容',
      source: MODERATION,
      freeText: true,
      value: (r) => r.comment.comment,
    },
    {
      name: 'recorded_at',
      type: 'datetime',
      unit: 'ISO 8601, UTC',
      en: 'When the rating and comment were submitted',
      zh: '提交时间',
      source: MODERATION,
      value: (r) => r.comment.recordedAt,
    },
    {
      name: 'published_at',
      type: 'datetime',
      unit: 'ISO 8601, UTC',
      en: 'When a moderator published the comment',
      zh: '公开时间',
      source: MODERATION,
      value: (r) => r.comment.publishedAt,
    },
    {
      name: 'reply_count',
      type: 'integer',
      unit: 'replies',
      en: 'Official replies to the comment',
      zh: '官方回复数',
      source: 'official replies, attached by staff',
      value: (r) => r.comment.replies?.length ?? 0,
    },
    {
      name: 'replies',
      type: 'string',
      unit: null,
      en: 'The official replies, oldest first, each as “[published_at] department: text”, separated by a blank line',
      zh: '官方回复（按时间先后，格式“[时间] 部门：内容”，以空行分隔）',
      source: 'official replies, attached by staff',
      freeText: true,
      value: (r) =>
        (r.comment.replies ?? [])
          .map((reply) => `[${reply.publishedAt}] ${reply.department}：${reply.text}`)
          .join('\n\n'),
    },
  ],
};

export const DATASETS: { readonly [K in DatasetId]: Dataset<DatasetRows[K]> } = {
  indicators,
  observations,
  projects,
  history,
  ratings,
  comments,
  verdicts,
};
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** Every dataset's first column: the plan a row belongs to, since one site publishes several plans. */
export const PLAN_ID_COLUMN = {
  name: 'plan_id',
  type: 'string',
  unit: null,
  en: 'Id of the plan the row belongs to (`/api/v1/plans` lists them)',
  zh: '该行所属规划的标识',
  source: 'the plan file',
} as const satisfies Omit<Column<never>, 'value'>;

/** A dataset's columns as published: `plan_id`, filled with `planId`, then its own. */
export const publishedColumns = <K extends DatasetId>(id: K, planId: string): ReadonlyArray<Column<DatasetRows[K]>> => [
  { ...PLAN_ID_COLUMN, value: () => planId },
  ...DATASETS[id].columns,
];

export const FORMATS = ['csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];
