import type { ModerationAction } from '../../../shared/moderation/flags.js';
import { formatDateTime } from '../../format.js';
import { Fact } from '../../components/common.js';
import type { StaffRecord, TargetName } from '../data.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';
import { actionLabel, actionsFor, ModerationFields, type PublishMeans } from './moderation-fields.js';
import { DepartmentAndText, TargetLink } from './parts.js';

/** The actions of one comment's page: under review, it is kept or hidden. */
function commentActions(record: StaffRecord): { actions: ModerationAction[]; means: PublishMeans } {
  if (record.commentStatus === 'none') return { actions: [], means: 'publish' };
  if (record.commentStatus === 'published' && record.underReviewSince !== undefined)
    return { actions: ['publish', 'hide'], means: 'keep' };
  return { actions: actionsFor(record.commentStatus), means: 'publish' };
}

export function CommentPage({
  ctx,
  record,
  name,
  notice,
}: {
  ctx: StaffContext;
  record: StaffRecord;
  name: TargetName | undefined;
  notice: { kind: 'ok' | 'error'; text: string } | null;
}) {
  const { s } = ctx;
  const { actions, means } = commentActions(record);
  const underReview = record.commentStatus === 'published' && record.underReviewSince !== undefined;
  return (
    <StaffLayout ctx={ctx} title={s.commentTitle} section="queue">
      <h1>{s.commentTitle}</h1>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <dl class="facts">
        <Fact term={s.commentOn}>
          <TargetLink ctx={ctx} name={name} fallback={`${record.targetType}:${record.targetId}`} />
        </Fact>
        <Fact term={s.colRating}>{record.rating}</Fact>
        <Fact term={s.colStatus} id="comment-status">
          {s.commentStatus(record.commentStatus)}
          {underReview && ` · ${s.underReview}`}
        </Fact>
        {(record.flagCount ?? 0) > 0 && <Fact term={s.colFlags}>{String(record.flagCount)}</Fact>}
        <Fact term={s.colSince}>{formatDateTime(record.recordedAt)}</Fact>
      </dl>
      <blockquote class="comment__text">{record.comment}</blockquote>

      <h2>{s.officialReplies}</h2>
      {(record.replies ?? []).length === 0 ? (
        <p>{s.noReplies}</p>
      ) : (
        <ul>
          {record.replies!.map((r) => (
            <li class="reply">
              <p class="reply__meta">{`${r.department} · ${formatDateTime(r.publishedAt)}`}</p>
              <p>{r.text}</p>
            </li>
          ))}
        </ul>
      )}

      {actions.length > 0 && (
        <form method="post" action={`/staff/comments/${record.feedbackId}/moderation`} class="staff-form">
          <h2>{s.moderateHeading}</h2>
          <ModerationFields s={s} prefix="m" actions={actions} label={actionLabel(s, means)} />
          <p>
            <button type="submit" class="button">
              {s.apply}
            </button>
          </p>
        </form>
      )}

      <form method="post" action={`/staff/comments/${record.feedbackId}/replies`} class="staff-form">
        <h2>{s.replyHeading}</h2>
        <p class="hint">{s.replyHint}</p>
        <DepartmentAndText ctx={ctx} prefix="r" textName="text" />
        <p>
          <button type="submit" class="button">
            {s.sendReply}
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
