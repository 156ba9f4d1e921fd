import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { parsePlan } from '../../shared/plan/load.js';
import type { Plan } from '../../shared/plan/document.js';
import type { Observation } from '../../shared/plan/observation.js';
import { PlanSummary, type PlanSnapshot } from '../../shared/store/plan-repository.js';

/** The 14th plan as its file holds it (read here, not through the app's built-in copy). */
export const licheng14th = (): Plan =>
  parsePlan(JSON.parse(readFileSync(new URL('../../shared/plan/licheng-14th.json', import.meta.url), 'utf8')));

/**
 * The synthetic yearly values of tests/fixtures/evaluation/: invented for the final evaluation's
 * tests, one row per revision, every row saying it is synthetic. Never official statistics.
 */
export function syntheticObservations(): Observation[] {
  const rows = parse<Record<'indicator_id' | 'year' | 'value' | 'revision' | 'source', string>>(
    readFileSync(new URL('../fixtures/evaluation/synthetic-licheng-14th-observations.csv', import.meta.url), 'utf8'),
    { columns: true, skip_empty_lines: true },
  );
  return rows.map((row) => ({
    indicatorId: row.indicator_id,
    year: Number(row.year),
    value: Number(row.value),
    revision: Number(row.revision),
    recordedAt: `2026-0${Number(row.revision) + 2}-01T00:00:00.000Z`,
    recordedBy: 'test fixture',
    reason: 'synthetic value for the evaluation tests',
    source: row.source,
  }));
}

/** A snapshot as the store returns it: the plan's own items and the given observation revisions. */
export function snapshotOf(plan: Plan, observations: Observation[]): PlanSnapshot {
  const { indicators, history, projects, ...summary } = plan;
  return {
    plan: PlanSummary.parse({ ...summary, contentHash: 'test' }),
    indicators,
    history,
    projects,
    observations,
  };
}
