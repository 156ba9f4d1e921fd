import { currentObservations, type Observation } from '../plan/observation.js';
import type { Indicator } from '../plan/schema.js';
import { type ProgressStatus } from '../progress/assessment.js';
import { assessProgress } from '../progress/status.js';
import { namedTarget, type NamedTarget } from '../feedback/target-kinds.js';

/**
 * What the feeds report, as events from several sources. Each source turns what it holds into
 * events; the feed builder (atom.ts) only sorts, filters and renders them, so a new kind of news
 * is a new event type and a new source, not a change to the feeds.
 *
 * Implemented here: new official values (every observation revision) and the status changes they
 * cause. Official replies and closed 差评 cases are read by `replySource` and `closedCaseSource`
 * in shared/http/api/routes/feeds.ts (through the feedback and case repositories) as `ReplyEvent`
 * and `CaseClosedEvent`.
 */

/** What an event is about: a target with its names. */
export type FeedTarget = NamedTarget;

interface EventBase {
  target: FeedTarget;
  /** When it happened (ISO 8601): the entry's `updated` and its sort key. */
  at: string;
}

/** A yearly value was published, or corrected (revision > 1). */
export interface ObservationEvent extends EventBase {
  kind: 'observation';
  observation: Observation;
  unitZh: string;
  unitEn: string;
  /** The value this revision replaced, for a correction. */
  previousValue: number | null;
}

/** The computed progress status of an indicator changed because of a new value. */
export interface StatusChangeEvent extends EventBase {
  kind: 'status-change';
  from: ProgressStatus;
  to: ProgressStatus;
  /** The revision that changed it: the entry's identity. */
  cause: Pick<Observation, 'year' | 'revision'>;
}

/** An official reply to a published comment was published. */
export interface ReplyEvent extends EventBase {
  kind: 'reply';
  replyId: string;
  feedbackId: string;
  /** The department that answered; never a person. */
  department: string;
  /** Its English name (its Chinese one where none was kept). */
  departmentEn: string;
  text: string;
}

/** A 差评 case was closed: rectified, or explained to the citizen. */
export interface CaseClosedEvent extends EventBase {
  kind: 'case-closed';
  caseId: string;
  outcome: 'rectified' | 'explained';
  /** The public summary of what was done, in the language it was written. */
  summary: string;
  /** Whether it was answered within its deadline (working days). */
  withinDeadline: boolean;
  /** When it was opened and first answered (ISO 8601; `answeredAt` null when closed without a reply). */
  openedAt: string;
  answeredAt: string | null;
  /** Working days from opening to the first reply (to closing when there was none). */
  workingDays: number;
  /** The deadline in working days. */
  deadlineDays: number;
}

export type FeedEvent = ObservationEvent | StatusChangeEvent | ReplyEvent | CaseClosedEvent;

export const indicatorTarget = (indicator: Indicator): FeedTarget => namedTarget('indicator', indicator);

/**
 * The events of one indicator's observation revisions: each revision is news, and so is each change
 * of the computed status. The status before and after a revision is computed with `assessProgress`
 * over the current values (highest revision per year) of every revision published up to then, in
 * the order they were published.
 */
export function observationEvents(indicator: Indicator, revisions: readonly Observation[]): FeedEvent[] {
  const own = revisions
    .filter((o) => o.indicatorId === indicator.id)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.year - b.year || a.revision - b.revision);
  const target = indicatorTarget(indicator);
  const events: FeedEvent[] = [];
  const published: Observation[] = [];
  let status = assessProgress(indicator, []).status;
  for (const observation of own) {
    const previous = currentObservations(published).find((o) => o.year === observation.year) ?? null;
    published.push(observation);
    events.push({
      kind: 'observation',
      target,
      at: observation.recordedAt,
      observation,
      unitZh: indicator.unit,
      unitEn: indicator.unitEn,
      previousValue: previous?.value ?? null,
    });
    const after = assessProgress(indicator, currentObservations(published)).status;
    if (after !== status) {
      events.push({
        kind: 'status-change',
        target,
        at: observation.recordedAt,
        from: status,
        to: after,
        cause: { year: observation.year, revision: observation.revision },
      });
      status = after;
    }
  }
  return events;
}
