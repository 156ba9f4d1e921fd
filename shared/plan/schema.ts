import * as z from 'zod/mini';

/**
 * The plan as data. Every number keeps the text it was read from (`raw`), so a reader can
 * check it against the published plan, and every item says where in the plan it came from.
 */

/**
 * An indicator category (类别), by its name as printed: each plan file declares its own
 * (`categories`), and every indicator names one of them (shared/plan/document.ts checks).
 */
export const Category = z.string().check(z.minLength(1), z.maxLength(64));
export type Category = z.infer<typeof Category>;

/** 预期性 = expected, 约束性 = binding. */
export const Attribute = z.enum(['expected', 'binding']);
export type Attribute = z.infer<typeof Attribute>;

export const Direction = z.enum(['higher', 'lower']);
export type Direction = z.infer<typeof Direction>;

/**
 * What kind of quantity an indicator measures; the progress method depends on it.
 * - level: a stock or flow in absolute units (亿元, 家, 万人次); compound growth is meaningful.
 * - share: a percentage or ratio bounded by its nature (占GDP比重, 参保率); progress runs on the
 *   percentage-point path, not a compound rate.
 * - rate: the indicator is itself a yearly rate of change (固定资产投资增长率, 能耗降幅); each year's
 *   value is compared with the required floor.
 * - cumulative: a count accumulated over the plan period (新增学位); it starts at zero by definition.
 */
export const Measure = z.enum(['level', 'share', 'rate', 'cumulative']);
export type Measure = z.infer<typeof Measure>;

/** Where an item was read from: the 专栏 box, its row (序号) and, for footnotes, the footnote number. */
export const Provenance = z.strictObject({
  box: z.string().check(z.minLength(1)),
  row: z.optional(z.number().check(z.int(), z.positive())),
  footnote: z.optional(z.number().check(z.int(), z.positive())),
  text: z.optional(z.string().check(z.minLength(1))),
});
export type Provenance = z.infer<typeof Provenance>;

/** A cell of the plan table: a number, a qualitative statement, or nothing usable ('-', '--', empty). */
export const Cell = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('number'), value: z.number(), raw: z.string() }),
  z.strictObject({ kind: z.literal('qualitative'), text: z.string().check(z.minLength(1)) }),
  z.strictObject({ kind: z.literal('missing'), raw: z.string() }),
]);
export type Cell = z.infer<typeof Cell>;

/** An annual growth target, e.g. 年均增长不低于7% → { percent: 7, atLeast: true }. */
export const GrowthTarget = z.strictObject({
  percent: z.number(),
  atLeast: z.boolean(),
  raw: z.string().check(z.minLength(1)),
});
export type GrowthTarget = z.infer<typeof GrowthTarget>;

export const StretchTarget = z.strictObject({
  value: z.number(),
  raw: z.string().check(z.minLength(1)),
  source: Provenance,
});

/** A calendar year a plan can speak of. */
export const Year = z.number().check(z.int(), z.gte(1950), z.lte(2100));

export const IndicatorId = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(64));

export const Indicator = z.strictObject({
  id: IndicatorId,
  seq: z.number().check(z.int(), z.positive()),
  category: Category,
  nameZh: z.string().check(z.minLength(1)),
  nameEn: z.string().check(z.minLength(1)),
  unit: z.string(),
  unitEn: z.string(),
  baseline: Cell,
  baselineYear: Year,
  target: Cell,
  targetYear: Year,
  growth: z.nullable(GrowthTarget),
  stretch: z.nullable(StretchTarget),
  attribute: Attribute,
  direction: Direction,
  measure: Measure,
  /** Ids of the rows of the previous plan's results table (`history`) that track the same quantity. */
  history: z.array(z.string()),
  source: Provenance,
});
export type Indicator = z.infer<typeof Indicator>;

/**
 * A row of the previous plan's results table (专栏1 of the 14th plan): the previous plan's baseline,
 * its target and the value actually reached, each with its year, and the completion remark. The
 * years are the row's own data, like an indicator's, so that every plan's file (and every stored
 * row, API answer and open-data row) says which years it speaks of.
 */
export const HistoryRow = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(64)),
  seq: z.number().check(z.int(), z.positive()),
  group: z.string().check(z.minLength(1)),
  nameZh: z.string().check(z.minLength(1)),
  /** gongping's translation; optional so that a stored plan without it still reads, shown in Chinese then. */
  nameEn: z.optional(z.string().check(z.minLength(1))),
  unit: z.string(),
  baselineYear: Year,
  baseline: Cell,
  targetYear: Year,
  target: Cell,
  /** The value reached in the target year. */
  actual: Cell,
  remark: z.string(),
  source: Provenance,
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const ProjectStatus = z.enum(['not_started', 'in_progress', 'completed', 'unknown']);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

export const NumericGoal = z.strictObject({
  description: z.string().check(z.minLength(1)),
  value: z.number(),
  unit: z.string(),
  year: z.optional(Year),
  raw: z.string().check(z.minLength(1)),
});

export const Project = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(80)),
  box: z.number().check(z.int(), z.positive()),
  boxTitle: z.string().check(z.minLength(1)),
  titleZh: z.string().check(z.minLength(1)),
  titleEn: z.string().check(z.minLength(1)),
  area: z.string().check(z.minLength(1)),
  goals: z.array(NumericGoal),
  status: ProjectStatus,
  progress: z.number().check(z.gte(0), z.lte(100)),
  source: Provenance,
});
export type Project = z.infer<typeof Project>;
