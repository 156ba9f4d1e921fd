import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { newCase, type FollowUpCase } from '../../shared/cases/case.js';
import { workCalendar } from '../../shared/cases/working-days.js';
import type { EvaluationInput } from '../../shared/evaluation/evaluation.js';
import { parsePlan } from '../../shared/plan/load.js';
import type { Plan } from '../../shared/plan/document.js';
import type { Observation } from '../../shared/plan/observation.js';
import type { ProgressRevision } from '../../shared/plan/progress.js';
import type { ScopeSummary } from '../../shared/ratings/documents.js';
import { emptyTally, summarise } from '../../shared/ratings/statistics.js';
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

const calendar = workCalendar();

/** When the evaluation tests read it: after the 14th plan's period, in June 2026. */
export const AFTER_THE_PERIOD = new Date('2026-06-01T02:00:00Z');

const progress: ProgressRevision[] = [
  {
    projectId: 'b04-enterprise-tech-and-engineering-research-centres',
    revision: 1,
    status: 'in_progress',
    progress: 40,
    note: 'synthetic',
    reason: 'first report',
    recordedAt: '2023-01-10T00:00:00.000Z',
    recordedBy: 'test',
  },
  {
    projectId: 'b04-enterprise-tech-and-engineering-research-centres',
    revision: 2,
    status: 'completed',
    progress: 100,
    note: 'synthetic',
    reason: 'done',
    recordedAt: '2025-11-10T00:00:00.000Z',
    recordedBy: 'test',
  },
  {
    projectId: 'b05-innovation-entity-cultivation',
    revision: 1,
    status: 'in_progress',
    progress: 70,
    note: 'synthetic',
    reason: 'first report',
    recordedAt: '2025-06-10T00:00:00.000Z',
    recordedBy: 'test',
  },
];

/** A 差评 case opened at `openedAt` (15 working days), with what happened to it since. */
function caseOpened(id: string, openedAt: string, changes: Partial<FollowUpCase> = {}): FollowUpCase {
  const opened = newCase(
    {
      feedback: { shard: 0, recordedAt: openedAt, feedbackId: id },
      voterId: 'v',
      planId: 'licheng-14th',
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 1,
    },
    new Date(openedAt),
    { deadlineDays: 15, calendar },
  );
  return { ...opened, ...changes };
}

const cases: FollowUpCase[] = [
  // Opened Monday 3 March 2025, due 15 working days later (24 March): answered on the 5th, on time.
  caseOpened('on-time', '2025-03-03T02:00:00.000Z', {
    status: 'closed',
    firstReplyAt: '2025-03-05T02:00:00.000Z',
    closedAt: '2025-03-20T02:00:00.000Z',
    satisfaction: 'satisfied',
  }),
  // Same deadline, answered in June: late.
  caseOpened('late', '2025-03-03T02:00:00.000Z', {
    status: 'replied',
    firstReplyAt: '2025-06-02T02:00:00.000Z',
    satisfaction: 'unsatisfied',
  }),
  // Never answered, long past its deadline.
  caseOpened('overdue', '2025-10-09T02:00:00.000Z'),
  // Opened four days before the evaluation is read: still within its deadline.
  caseOpened('within', '2026-05-28T02:00:00.000Z'),
  // Closed without a reply.
  caseOpened('closed-unanswered', '2025-04-01T02:00:00.000Z', {
    status: 'closed',
    closedAt: '2025-04-02T02:00:00.000Z',
  }),
];

/**
 * The final evaluation's input for the 14th plan, read after its period: the synthetic values, two
 * projects reported on, the plan's all-time summary of 10 ratings (6 of them 4 or 5) and five 差评
 * cases, one of each fate. Each figure the tests expect is computed by hand from these.
 */
export function syntheticEvaluationInput(): EvaluationInput {
  const plan = licheng14th();
  const planRatings: ScopeSummary = {
    scope: `plan#${plan.id}`,
    kind: 'plan',
    rank: null,
    ...summarise({ ...emptyTally(), histogram: [1, 1, 2, 3, 3] }, { minRatings: 5, prior: { mean: 3, weight: 5 } }),
  };
  return {
    snapshot: snapshotOf(plan, syntheticObservations()),
    progress,
    planRatings,
    cases,
    now: AFTER_THE_PERIOD,
    calendar,
  };
}
