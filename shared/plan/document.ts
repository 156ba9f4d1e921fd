import * as z from 'zod/mini';
import { Category, HistoryRow, Indicator, Project, Year } from './schema.js';

/**
 * The whole plan as its data file holds it (licheng-14th.json, read by ./load.ts and seeded into
 * the store; any other plan file through `npm run plan`), with the checks that only make sense
 * across the whole document. Apart from ./schema.ts because the functions read the plan item by
 * item and never build this schema. The file format is documented in docs/plan-format.md and
 * published as a JSON Schema generated from this one (./format.ts).
 */

export const PlanSource = z.strictObject({
  document: z.string().check(z.minLength(1)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});
export const PlanCategory = z.strictObject({ id: Category, nameEn: z.string().check(z.minLength(1)) });

/** The largest item the store is asked to write (DynamoDB refuses items over 400 KB). */
export const MAX_ITEM_BYTES = 100_000;

export const Plan = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(64)),
    titleZh: z.string().check(z.minLength(1)),
    titleEn: z.string().check(z.minLength(1)),
    district: z.string().check(z.minLength(1)),
    periodStart: Year,
    periodEnd: Year,
    baselineYear: Year,
    source: PlanSource,
    categories: z.array(PlanCategory),
    indicators: z.array(Indicator),
    history: z.array(HistoryRow),
    projects: z.array(Project),
  })
  .check(
    // Runs even when parts of the file are malformed, so that a bad file gets every problem at
    // once; planProblems reads only the parts that have the shape it needs.
    z.superRefine(
      (plan, ctx) => {
        for (const { path, message } of planProblems(plan))
          ctx.addIssue({ code: 'custom', message, path, input: plan });
      },
      { when: (payload) => isRecord(payload.value) },
    ),
  );
export type Plan = z.infer<typeof Plan>;

export interface PlanProblem {
  path: (string | number)[];
  message: string;
}

type Entry = Record<string, unknown>;
const isRecord = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const entries = (value: unknown): [number, Entry][] =>
  Array.isArray(value) ? value.flatMap((item, i) => (isRecord(item) ? [[i, item] as [number, Entry]] : [])) : [];
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberCell = (value: unknown): number | null =>
  isRecord(value) && value.kind === 'number' && typeof value.value === 'number' ? value.value : null;

/**
 * The rules that span items of the plan, on the file's data whatever its shape: ids and sequence
 * numbers unique, categories and previous-plan rows referred to exist, years in order and inside the
 * plan's period (the previous plan's up to this plan's baseline year), stretch goals beyond their
 * targets, a project's status agreeing with its progress, and no item too large for the store. Each problem has the path of the value at fault.
 */
export function planProblems(plan: Entry): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });

  const unique = (list: string, field: string, label: string) => {
    const first = new Map<unknown, number>();
    for (const [i, item] of entries(plan[list])) {
      const value = item[field];
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, i);
      else add([list, i, field], `duplicate ${label} ${JSON.stringify(value)}: ${list}[${earlier}] has it too`);
    }
  };
  unique('categories', 'id', 'category');
  unique('indicators', 'id', 'indicator id');
  unique('indicators', 'seq', 'sequence number');
  unique('history', 'id', 'history row id');
  unique('history', 'seq', 'sequence number');
  unique('projects', 'id', 'project id');

  const periodStart = int(plan.periodStart);
  const periodEnd = int(plan.periodEnd);
  const baselineYear = int(plan.baselineYear);
  const period =
    periodStart !== null && periodEnd !== null && periodStart <= periodEnd ? `${periodStart}–${periodEnd}` : null;
  if (periodStart !== null && periodEnd !== null && periodEnd < periodStart)
    add(['periodEnd'], `the period ends (${periodEnd}) before it starts (${periodStart})`);
  if (baselineYear !== null && periodStart !== null && baselineYear > periodStart)
    add(['baselineYear'], `the baseline year ${baselineYear} is after the period's first year ${periodStart}`);
  const inPeriod = (year: number) => period === null || (year >= periodStart! && year <= periodEnd!);

  // The previous plan's results: its years come before this plan's baseline, which is its last year at the latest.
  for (const [i, row] of entries(plan.history)) {
    const from = int(row.baselineYear);
    const to = int(row.targetYear);
    if (from !== null && to !== null && from >= to)
      add(['history', i, 'targetYear'], `the target year ${to} is not after the baseline year ${from}`);
    if (to !== null && baselineYear !== null && to > baselineYear)
      add(
        ['history', i, 'targetYear'],
        `the previous plan's target year ${to} is after this plan's baseline year ${baselineYear}`,
      );
  }

  const categories = new Set(entries(plan.categories).map(([, c]) => c.id));
  const historyIds = new Set(entries(plan.history).map(([, h]) => h.id));
  for (const [i, indicator] of entries(plan.indicators)) {
    const category = str(indicator.category);
    // Categories are the plan's own: an indicator names one the file declares.
    if (category !== null && Array.isArray(plan.categories) && !categories.has(category)) {
      add(['indicators', i, 'category'], `category ${JSON.stringify(category)} is not one of the plan's categories`);
    }
    if (Array.isArray(plan.history) && Array.isArray(indicator.history)) {
      indicator.history.forEach((ref, j) => {
        if (typeof ref === 'string' && !historyIds.has(ref))
          add(['indicators', i, 'history', j], `no history row has the id ${JSON.stringify(ref)}`);
      });
    }
    const from = int(indicator.baselineYear);
    const to = int(indicator.targetYear);
    if (from !== null && to !== null && from >= to)
      add(['indicators', i, 'targetYear'], `the target year ${to} is not after the baseline year ${from}`);
    if (to !== null && !inPeriod(to))
      add(['indicators', i, 'targetYear'], `the target year ${to} is outside the plan's period ${period}`);
    const target = numberCell(indicator.target);
    const stretch =
      isRecord(indicator.stretch) && typeof indicator.stretch.value === 'number' ? indicator.stretch.value : null;
    if (target !== null && stretch !== null) {
      if (indicator.direction === 'higher' && stretch < target)
        add(
          ['indicators', i, 'stretch', 'value'],
          `the stretch goal ${stretch} is below the target ${target}, though higher is better`,
        );
      if (indicator.direction === 'lower' && stretch > target)
        add(
          ['indicators', i, 'stretch', 'value'],
          `the stretch goal ${stretch} is above the target ${target}, though lower is better`,
        );
    }
  }

  for (const [i, project] of entries(plan.projects)) {
    const progress = typeof project.progress === 'number' ? project.progress : null;
    if (project.status === 'completed' && progress !== null && progress !== 100)
      add(['projects', i, 'progress'], `a completed project is at 100% progress, not ${progress}%`);
    if (project.status === 'not_started' && progress !== null && progress !== 0)
      add(['projects', i, 'progress'], `a project not started is at 0% progress, not ${progress}%`);
    for (const [j, goal] of entries(project.goals)) {
      const year = int(goal.year);
      if (year !== null && !inPeriod(year))
        add(['projects', i, 'goals', j, 'year'], `the goal's year ${year} is outside the plan's period ${period}`);
    }
  }

  // Each indicator, history row and project is one item in the store, the plan's own fields another.
  const tooLarge = (path: (string | number)[], value: unknown) => {
    const bytes = new TextEncoder().encode(JSON.stringify(value) ?? '').length;
    if (bytes > MAX_ITEM_BYTES) add(path, `too large to store: ${bytes} bytes as JSON, at most ${MAX_ITEM_BYTES}`);
  };
  for (const list of ['indicators', 'history', 'projects'])
    for (const [i, item] of entries(plan[list])) tooLarge([list, i], item);
  const { indicators: _i, history: _h, projects: _p, ...own } = plan;
  tooLarge([], own);
  return problems;
}
