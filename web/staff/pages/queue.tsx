import type { StaffComment } from '../../../shared/moderation/store.js';
import type { ModerationAction } from '../../../shared/moderation/flags.js';
import { formatDateTime } from '../../format.js';
import { DataTable } from '../../components/table.js';
import { FilterSelects } from '../../components/common.js';
import type { TargetName } from '../data.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';
import { actionLabel, actionsFor, ModerationFields, type PublishMeans } from './moderation-fields.js';
import { NextPage, TargetLink } from './parts.js';

/**
 * The actions of the queue's bulk form. The queue holds pending comments (publish or reject) and
 * published ones under review (keep, which is `publish`, or hide); the reason filter narrows it.
 */
function queueActions(filter: QueueState['filter']): { actions: ModerationAction[]; means: PublishMeans } {
  if (filter.status === 'published') return { actions: ['publish', 'hide'], means: 'keep' };
  if (filter.status !== 'pending') return { actions: actionsFor(filter.status), means: 'publish' };
  if (filter.reason === 'flagged') return { actions: ['publish', 'hide'], means: 'keep' };
  if (filter.reason === 'new') return { actions: ['publish', 'reject'], means: 'publish' };
  return { actions: ['publish', 'reject', 'hide'], means: 'either' };
}

export interface QueueState {
  filter: {
    status: 'pending' | 'rejected' | 'hidden' | 'published';
    target: string;
    reason: string;
    olderThanHours: string;
  };
  items: StaffComment[];
  nextHref: string | null;
  names: Map<string, TargetName>;
  targets: Array<[string, string]>;
  notice: { kind: 'ok' | 'error'; text: string } | null;
}

export function QueuePage({ ctx, state }: { ctx: StaffContext; state: QueueState }) {
  const { s } = ctx;
  const f = state.filter;
  const bulk = queueActions(f);
  return (
    <StaffLayout ctx={ctx} title={s.queueTitle} section="queue">
      <h1>{s.queueTitle}</h1>
      <p>{s.queueIntro}</p>
      {state.notice && <Notice kind={state.notice.kind}>{state.notice.text}</Notice>}
      <form method="get" action={`${ctx.home}/queue`} class="filters">
        <FilterSelects
          choices={{
            status: {
              label: s.filterStatus,
              options: (['pending', 'rejected', 'hidden', 'published'] as const).map(
                (v) => [v, s.commentStatus(v)] as const,
              ),
              all: false,
            },
            target: { label: s.filterTarget, options: state.targets },
            reason: {
              label: s.filterReason,
              options: (['new', 'flagged'] as const).map((v) => [v, s.queueReason(v)] as const),
            },
          }}
          chosen={f}
          all={s.filterAll}
        />
        <div class="filters__field">
          <label for="f-age">{s.filterAge}</label>
          <input type="number" id="f-age" name="olderThanHours" min="0" step="1" value={f.olderThanHours} />
        </div>
        <div class="filters__actions">
          <button type="submit" class="button button--secondary">
            {s.filterApply}
          </button>
        </div>
      </form>

      {state.items.length === 0 ? (
        <p id="queue-empty">{s.queueEmpty}</p>
      ) : (
        <form method="post" action={`${ctx.home}/queue`}>
          <p class="muted">{s.queueCount(state.items.length)}</p>
          <DataTable
            label={s.queueTitle}
            id="queue"
            columns={[s.colSelect, s.colComment, s.colTarget, s.colRating, s.colSince, s.colFlags, s.open]}
          >
            {state.items.map((item) => (
              <tr>
                <td>
                  <input
                    type="checkbox"
                    name="ids"
                    value={item.feedbackId}
                    id={`c-${item.feedbackId}`}
                    aria-label={s.selectComment(item.feedbackId.slice(0, 8))}
                  />
                </td>
                <td class="staff-comment">
                  <label for={`c-${item.feedbackId}`}>{item.comment}</label>
                </td>
                <td>
                  <TargetLink
                    ctx={ctx}
                    name={state.names.get(`${item.targetType}:${item.targetId}`)}
                    fallback={`${item.targetType}:${item.targetId}`}
                  />
                </td>
                <td>{item.rating}</td>
                <td>{formatDateTime(item.since)}</td>
                <td>
                  {item.queueReason === 'flagged' ? `${s.queueReason('flagged')} (${item.flagCount})` : item.flagCount}
                  {item.underReview && (
                    <>
                      {' '}
                      <span class="pill">{s.underReview}</span>
                    </>
                  )}
                </td>
                <td>
                  <a href={`/staff/comments/${item.feedbackId}`}>{s.open}</a>
                </td>
              </tr>
            ))}
          </DataTable>
          <fieldset class="staff-actions">
            <legend>{s.bulkAction}</legend>
            <ModerationFields s={s} prefix="bulk" actions={bulk.actions} label={actionLabel(s, bulk.means)} />
            <button type="submit" class="button" id="bulk-apply">
              {s.apply}
            </button>
          </fieldset>
        </form>
      )}
      <NextPage s={s} href={state.nextHref} />
    </StaffLayout>
  );
}
