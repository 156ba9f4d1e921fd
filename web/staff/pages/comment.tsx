import type { ModerationAction } from '../../../shared/moderation/flags.js';
import { formatDateTime } from '../../format.js';
import { Fact } from '../../components/common.js';
import type { StaffRecord, TargetName } from '../data.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';
import { actionLabel, actionsFor, ModerationFields, type PublishMeans } from './moderation-fields.js';
import { DepartmentAndText, TargetLink } from './parts.js';
import { stepsFrom } from '../../../shared/cases/case.js';
import type { StaffCase } from '../../../shared/cases/workflow.js';
import type { Department } from '../../../shared/departments/department.js';
import type { Child } from 'hono/jsx';

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
  followUp,
  departments,
  notice,
}: {
  ctx: StaffContext;
  record: StaffRecord;
  name: TargetName | undefined;
  /** The 差评 case the comment opened, if it did: then it is answered through the case. */
  followUp: StaffCase | null;
  departments: readonly Department[];
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

      {followUp ? (
        <CaseReply ctx={ctx} followUp={followUp} departments={departments} />
      ) : (
        <ReplyForm ctx={ctx} action={`/staff/comments/${record.feedbackId}/replies`} departments={departments}>
          <h2>{s.replyHeading}</h2>
          <p class="hint">{s.replyHint}</p>
        </ReplyForm>
      )}
    </StaffLayout>
  );
}

/**
 * The case a comment opened, and its reply step: the one way to answer such a comment, posted to
 * the case's own route, so it counts against the case's deadline and the citizen can rate it.
 */
function CaseReply({
  ctx,
  followUp,
  departments,
}: {
  ctx: StaffContext;
  followUp: StaffCase;
  departments: readonly Department[];
}) {
  const { s } = ctx;
  const href = `/staff/cases/${followUp.caseId}`;
  return (
    <section id="comment-case">
      <h2>{s.commentCase}</h2>
      <p class="hint">{s.commentCaseHint}</p>
      <dl class="facts">
        <Fact term={s.caseTitle}>
          <a href={href}>{`${s.caseTitle} ${followUp.caseId.slice(0, 8)}`}</a>
        </Fact>
        <Fact term={s.colStatus}>{s.caseStatus(followUp.status)}</Fact>
        <Fact term={s.caseDue}>
          {`${followUp.dueAt ? formatDateTime(followUp.dueAt) : '—'} (${s.dueState(followUp.dueState)})`}
        </Fact>
        <Fact term={s.colDepartment}>{followUp.department ?? '—'}</Fact>
      </dl>
      {stepsFrom(followUp.status).includes('reply') ? (
        <ReplyForm
          ctx={ctx}
          action={`${href}/steps`}
          id="case-reply"
          departments={departments}
          selected={followUp.departmentId}
        >
          <h3>{s.caseReplyHere}</h3>
          <input type="hidden" name="action" value="reply" />
        </ReplyForm>
      ) : (
        <p>
          {s.caseReplyLater(s.caseStatus(followUp.status))} <a href={href}>{s.openCase}</a>
        </p>
      )}
    </section>
  );
}

/** A reply's form on a comment's page, whichever route it posts to: its heading first, then the department and text. */
function ReplyForm(props: {
  ctx: StaffContext;
  action: string;
  id?: string;
  departments: readonly Department[];
  selected?: string | null | undefined;
  children: Child;
}) {
  return (
    <form method="post" action={props.action} class="staff-form" id={props.id}>
      {props.children}
      <DepartmentAndText ctx={props.ctx} prefix="r" departments={props.departments} selected={props.selected} />
      <p>
        <button type="submit" class="button">
          {props.ctx.s.sendReply}
        </button>
      </p>
    </form>
  );
}
