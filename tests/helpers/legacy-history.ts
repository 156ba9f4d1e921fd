import type { HistoryRow } from '../../shared/plan/schema.js';

/**
 * A history row as the plan file format's first shape wrote it, its years in the field names: what
 * a plan file written then, or a plan stored then, holds. Only for rows of the 13th plan (2015–2020),
 * the one plan that shape could describe.
 */
export function legacyHistoryRow(row: HistoryRow): Record<string, unknown> {
  const { baselineYear, baseline, targetYear, target, actual, ...rest } = row;
  if (baselineYear !== 2015 || targetYear !== 2020)
    throw new Error(`${row.id}: the old shape speaks of 2015–2020 only`);
  return { ...rest, target2020: target, actual2015: baseline, actual2020: actual };
}
