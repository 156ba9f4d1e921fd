import type { Actor } from '../../../shared/auth/roles.js';
import { rateReply, stepCase } from '../../../shared/cases/workflow.js';
import { submitFeedback } from '../../../shared/feedback/submit.js';
import type { AppDeps } from '../../../shared/http/deps.js';
import { moderateComment } from '../../../shared/moderation/moderate.js';
import type { Plan } from '../../../shared/plan/document.js';
import { staffActor } from '../../../shared/audit/entry.js';
import { changePlanStatus } from '../../../shared/publishing/plans.js';
import { publishObservation, publishProgress } from '../../../shared/publishing/publish.js';
import { aggregationJob } from '../../../shared/ratings/job.js';
import type { RunReport } from '../../../shared/ratings/aggregate.js';
import { ensureTable, loadPlan } from '../../../shared/store/bootstrap.js';
import type { Store } from '../../../shared/store/client.js';
import { addDepartment } from '../../../shared/departments/department.js';
import { DEMO_DEPARTMENTS } from './comments.js';
import type { DemoDataset } from './dataset.js';
import type { DemoRating } from './ratings.js';

/**
 * Writes a demo data set the way the product writes data: the plans through the plan loader, values
 * and project reports through the publishing functions, ratings through submitFeedback (so comments
 * are masked and 差评 open their cases), comments through moderation, flags through the flag store,
 * cases through their workflow, and then one aggregation run. Each step runs at the time the data
 * set says (an injected clock), so the store holds what five years of use would have left.
 */

/** Who did it, in the audit log and on every revision: plainly the demo, never a person. */
const PUBLISHER: Actor = { sub: 'demo-publisher', name: '示例发布员 demo publisher', roles: ['publisher'] };
const MONITOR: Actor = { sub: 'demo-monitor', name: '示例监督员 demo monitor', roles: ['monitor'] };
export const DEMO_SOURCE = '示例数据，非官方统计 · sample data, not official figures';

/** Ratings written at once: the store is local, and the writes of different ratings do not touch each other. */
const CONCURRENCY = 8;

export type DemoDeps = Pick<
  AppDeps,
  | 'plans'
  | 'progress'
  | 'audit'
  | 'feedback'
  | 'moderation'
  | 'flags'
  | 'replies'
  | 'cases'
  | 'departments'
  | 'receipts'
  | 'feedbackLimits'
  | 'calendar'
  | 'caseDeadlineDays'
  | 'flagThreshold'
  | 'minRatings'
  | 'logger'
>;

export interface LoadReport {
  plans: string[];
  observations: number;
  progressReports: number;
  ratings: number;
  aggregation: RunReport;
}

const at = (iso: string) => new Date(iso);

async function inParallel<T>(items: readonly T[], task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

async function writeRating(deps: DemoDeps, r: DemoRating) {
  // The data set's id of a rating is the nonce of the id the store gives it (where its record is, then the nonce).
  const submitAs = async (nonce: string, rating: DemoRating['rating'], comment: string | null, when: string) =>
    (
      await submitFeedback(
        { ...deps, clock: () => at(when), newId: () => nonce },
        // Rated while its plan was published, as every rating of the data set was.
        { id: r.planId, status: 'published' },
        r.voterId,
        {
          targetType: r.targetType,
          targetId: r.targetId,
          rating,
          ...(comment === null ? {} : { comment }),
        },
      )
    ).record.feedbackId;
  const feedbackId = await submitAs(r.feedbackId, r.rating, r.comment, r.at);
  if (r.moderation)
    await moderateComment(
      deps,
      { feedbackId, action: r.moderation.action, reason: r.moderation.reason },
      MONITOR,
      at(r.moderation.at),
    );
  if (r.hidden)
    await moderateComment(deps, { feedbackId, action: 'hide', reason: r.hidden.reason }, MONITOR, at(r.hidden.at));
  for (const flag of r.flags)
    await deps.flags.flagComment(
      feedbackId,
      { kind: 'voter', voterId: flag.voterId },
      flag.reason,
      at(flag.at),
      deps.flagThreshold,
    );
  for (const step of r.case?.steps ?? []) {
    if (step.by === 'monitor') await stepCase(deps, feedbackId, step.step, MONITOR, at(step.at));
    else await rateReply(deps, r.voterId, feedbackId, step.satisfied, step.note, at(step.at));
  }
  const rerating = r.case?.rerating;
  if (rerating) await submitAs(rerating.feedbackId, rerating.rating, null, rerating.at);
}

/** Loads `dataset` into `store` (table created if missing), then aggregates; `onProgress` hears how far the ratings are. */
export async function loadDemo(
  store: Store,
  deps: DemoDeps,
  plans: readonly Plan[],
  dataset: DemoDataset,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<LoadReport> {
  await ensureTable(store);
  for (const plan of plans) await loadPlan(store, plan);
  const publishing = { ...deps, planId: dataset.planId };
  // One indicator's values, and one project's reports, in order (each is a revision of the last); different ones at once.
  await inParallel(
    groupBy(dataset.observations, (o) => o.indicatorId),
    async (values) => {
      for (const o of values)
        await publishObservation(
          publishing,
          o.indicatorId,
          { year: o.year, value: o.value, source: DEMO_SOURCE },
          PUBLISHER,
          at(o.at),
        );
    },
  );
  await inParallel(
    groupBy(dataset.progress, (r) => `${r.planId} ${r.projectId}`),
    async (reports) => {
      for (const report of reports)
        await publishProgress(
          { ...deps, planId: report.planId },
          report.projectId,
          {
            status: report.status,
            progress: report.progress,
            note: report.note,
            source: DEMO_SOURCE,
            reason: report.reason,
          },
          PUBLISHER,
          at(report.at),
        );
    },
  );
  // The departments the cases' steps name (by their Chinese names, which the list maps to their ids).
  await deps.departments.change((current) => ({
    departments: DEMO_DEPARTMENTS.filter((d) => !current.some((c) => c.id === d.id)).reduce(
      (list, d) => addDepartment(list, d),
      current,
    ),
    result: null,
  }));
  let done = 0;
  await inParallel(dataset.ratings, async (r) => {
    await writeRating(deps, r);
    if (++done % 250 === 0 || done === dataset.ratings.length) onProgress(done, dataset.ratings.length);
  });
  // The plan whose period the data set covers is over: a publisher closes it, as on /staff/plans,
  // in the January after its last year, so its final evaluation is final, not provisional.
  const ended = plans.find((p) => p.id === dataset.planId);
  if (ended)
    await changePlanStatus(
      deps,
      { planId: ended.id, to: 'closed', reason: '规划期已结束 · the plan period has ended' },
      staffActor(PUBLISHER),
      at(`${ended.periodEnd + 1}-01-15T02:00:00Z`),
    );
  // Everything written is in the past, so nothing needs to settle before the run counts it.
  const aggregation = await aggregationJob(store, {
    minRatings: deps.minRatings,
    settleSeconds: 0,
    maxBatch: 5000,
  })();
  return {
    plans: plans.map((p) => p.id),
    observations: dataset.observations.length,
    progressReports: dataset.progress.length,
    ratings: dataset.ratings.length,
    aggregation,
  };
}
