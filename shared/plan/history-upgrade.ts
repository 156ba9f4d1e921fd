/**
 * The first plan file format named the previous plan's years in its history rows' fields
 * (`target2020`, `actual2015`, `actual2020`: the 13th plan, as the 14th plan's 专栏1 prints it).
 * A row in that shape, in a plan file or stored in the table before the years were data, is read
 * as the current shape here, once, at the edge (shared/plan/file.ts, shared/store/plan-repository.ts),
 * with the years its field names state. Nothing else knows the old names.
 */

/** The old field names and the years they stand for (docs/plan-format.md, "Older files"). */
const LEGACY_HISTORY_FIELDS = ['target2020', 'actual2015', 'actual2020'] as const;
const LEGACY_YEARS = { baselineYear: 2015, targetYear: 2020 } as const;
const CURRENT_FIELDS = ['baselineYear', 'baseline', 'targetYear', 'target', 'actual'] as const;

type Entry = Record<string, unknown>;
const isRecord = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A history row in the current shape. A row is in the old shape when it has an old field and none
 * of the current ones; any other value is returned as it is, so that a row mixing both shapes is
 * refused by the format's check, naming the old fields.
 */
export function upgradeHistoryRow(row: unknown): unknown {
  if (!isRecord(row)) return row;
  const legacy = LEGACY_HISTORY_FIELDS.some((field) => field in row);
  if (!legacy || CURRENT_FIELDS.some((field) => field in row)) return row;
  const { target2020, actual2015, actual2020, ...rest } = row;
  return {
    ...rest,
    baselineYear: LEGACY_YEARS.baselineYear,
    baseline: actual2015,
    targetYear: LEGACY_YEARS.targetYear,
    target: target2020,
    actual: actual2020,
  };
}

/** Plan data with each history row in the current shape (data that is not a plan is returned as it is). */
export function withHistoryUpgraded(plan: unknown): unknown {
  if (!isRecord(plan) || !Array.isArray(plan.history)) return plan;
  return { ...plan, history: plan.history.map(upgradeHistoryRow) };
}
