import { stringify } from 'csv-stringify/sync';
import { FORMULA_START } from '../open-data/format.js';
import type { PlanEvaluation } from './evaluation.js';
import type { IndicatorEvaluation } from './indicators.js';

type Cell = string | number | boolean | null;

/** One column of the evaluation CSV: its name and how a row fills it. Text from the plan is guarded. */
const COLUMNS: ReadonlyArray<{ name: string; text?: boolean; value: (r: IndicatorEvaluation) => Cell }> = [
  { name: 'seq', value: (r) => r.seq },
  { name: 'indicator_id', value: (r) => r.indicatorId },
  { name: 'name_zh', text: true, value: (r) => r.nameZh },
  { name: 'name_en', text: true, value: (r) => r.nameEn },
  { name: 'category', text: true, value: (r) => r.category },
  { name: 'attribute', value: (r) => r.attribute },
  { name: 'direction', value: (r) => r.direction },
  { name: 'measure', value: (r) => r.measure },
  { name: 'unit', text: true, value: (r) => r.unit },
  { name: 'unit_en', text: true, value: (r) => r.unitEn },
  { name: 'method', value: (r) => r.method },
  { name: 'target', value: (r) => r.target.value },
  { name: 'target_implied', value: (r) => r.target.implied },
  { name: 'target_text', text: true, value: (r) => r.target.text },
  { name: 'target_year', value: (r) => r.target.year },
  { name: 'final_year', value: (r) => r.final?.year ?? null },
  { name: 'final_value', value: (r) => r.final?.value ?? null },
  { name: 'final_is_target_year', value: (r) => r.finalIsTargetYear },
  { name: 'period_mean', value: (r) => r.periodMean },
  { name: 'verdict', value: (r) => r.verdict },
  { name: 'reason', value: (r) => r.reason },
  { name: 'gap', value: (r) => r.gap },
  { name: 'growth_required_percent', value: (r) => r.growthCheck?.requiredPercent ?? null },
  { name: 'growth_observed_percent', value: (r) => r.growthCheck?.observedPercent ?? null },
  { name: 'growth_met', value: (r) => r.growthCheck?.met ?? null },
  { name: 'stretch', value: (r) => r.stretch?.value ?? null },
  { name: 'stretch_text', text: true, value: (r) => r.stretch?.raw ?? null },
  { name: 'stretch_verdict', value: (r) => r.stretch?.verdict ?? null },
  { name: 'stretch_gap', value: (r) => r.stretch?.gap ?? null },
];

function csvCell(value: Cell, text: boolean): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return value;
  return text && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The evaluation's indicator table as CSV, in the open data's conventions (UTF-8 with a byte-order
 * mark, CRLF, empty cells for nulls): one row per indicator, the plan id and whether the evaluation
 * is provisional on every row, so a row read on its own still says what it is.
 */
export function evaluationCsv(evaluation: PlanEvaluation): string {
  const records = [
    ['plan_id', 'provisional', ...COLUMNS.map((c) => c.name)],
    ...evaluation.indicators.map((row) => [
      evaluation.planId,
      csvCell(evaluation.provisional, false),
      ...COLUMNS.map((c) => csvCell(c.value(row), c.text ?? false)),
    ]),
  ];
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}
