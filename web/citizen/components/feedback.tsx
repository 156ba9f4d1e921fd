import { FORM_STAMP_FIELD, HONEYPOT_FIELD } from '../../../shared/http/csrf.js';
import { COMMENT_MAX_LENGTH } from '../../../shared/feedback/comment.js';
import type { TargetType } from '../../../shared/feedback/target.js';
import { PII_KINDS, type PiiKind } from '../../../shared/moderation/pii.js';
import type { BallotWithComment } from '../../../shared/feedback/store.js';
import { LEVELS_BEST_FIRST, scriptJson } from '../chart-data.js';
import type { PageContext } from '../../context.js';
import type { CommentWithReplies } from '../data.js';
import { formatDate, formatDateTime } from '../../format.js';
import { Field } from '../../components/common.js';
import { DepartmentName, Text } from './plan-text.js';
import { CaseReceipt } from './case-receipt.js';
import { inPlan, ratingsOpen } from '../place.js';
import { planApi } from '../links.js';

export type FeedbackError =
  'rating' | 'comment' | 'commentInvalid' | 'conflict' | 'rateLimited' | 'notPerson' | 'formExpired';

/** What the citizen typed, and what was wrong with it, when the form comes back to them. */
export interface FeedbackFormState {
  rating?: number | undefined;
  comment?: string | undefined;
  errors: FeedbackError[];
  /** The signed time this form is served (shared/http/csrf.ts), checked when it comes back. */
  stamp: string;
}

/** What the last submission did, shown once after the redirect. */
export interface Confirmation {
  done: 'recorded' | 'replaced';
  pending: boolean;
  /** Kinds of personal data masked in the comment before it was stored. */
  masked: PiiKind[];
  /** The 差评 case the rating opened, with the deadline of its reply and its receipt's code. */
  followUpCase: { caseId: string; dueAt: string; receiptCode: string | null } | null;
}

/** The words for masked kinds, joined as the language lists things. */
const maskedText = (ctx: PageContext, kinds: PiiKind[]) =>
  ctx.t.doneMasked(kinds.map((kind) => ctx.t.piiKind(kind)).join(ctx.t.listSeparator));

/** Where the citizen follows one of their cases. */
export const caseHref = (caseId: string) => `/me#case-${caseId}`;

type Level = (typeof LEVELS_BEST_FIRST)[number];
const isLevel = (n: number): n is Level => (LEVELS_BEST_FIRST as readonly number[]).includes(n);

interface FeedbackSectionProps {
  ctx: PageContext;
  targetType: TargetType;
  targetId: string;
  /** The voter's own ratings of this target (newest year first), or null without a voter. */
  yours: BallotWithComment[] | null;
  /** The current rating year (China Standard Time). */
  year: number;
  form: FeedbackFormState;
  confirmation: Confirmation | null;
}

const errorText = (ctx: PageContext, error: FeedbackError) =>
  ({
    rating: ctx.t.errRating,
    comment: ctx.t.errComment,
    commentInvalid: ctx.t.errCommentInvalid,
    conflict: ctx.t.errConflict,
    rateLimited: ctx.t.errRateLimited,
    notPerson: ctx.t.errNotPerson,
    formExpired: ctx.t.errFormExpired,
  })[error];

/**
 * The rate-and-comment form: a plain POST to /feedback that works without JavaScript. The feedback
 * script, when it runs, submits the same fields to the JSON API instead and reports here, inline.
 */
export function FeedbackSection({ ctx, targetType, targetId, yours, year, form, confirmation }: FeedbackSectionProps) {
  const { t } = ctx;
  if (ctx.place && !ratingsOpen(ctx.place.plan)) return <ClosedToRatings ctx={ctx} />;
  const current = yours?.find((b) => b.year === year) ?? null;
  const earlier = (yours ?? []).filter((b) => b.year !== year);
  const checked = form.rating ?? current?.rating;
  const hasError = (e: FeedbackError) => form.errors.includes(e);
  const commentError = hasError('comment') || hasError('commentInvalid');
  const clientMessages = {
    recorded: t.doneRecorded,
    replaced: t.doneReplaced,
    pending: t.donePending,
    counted: t.doneCounted,
    errRating: t.errRating,
    errComment: t.errComment,
    errCommentInvalid: t.errCommentInvalid,
    errConflict: t.errConflict,
    errRateLimited: t.errRateLimited,
    errNetwork: t.errNetwork,
    change: t.formChange,
    yours: Object.fromEntries(LEVELS_BEST_FIRST.map((level) => [level, t.yoursThisYear(year, t.level(level))])),
    commentStatus: t.commentStatus('pending'),
    // Message functions cannot travel as JSON: the script fills these placeholders in.
    masked: t.doneMasked('{kinds}'),
    piiKinds: Object.fromEntries(PII_KINDS.map((kind) => [kind, t.piiKind(kind)])),
    listSeparator: t.listSeparator,
    caseOpened: t.doneCaseOpened('{date}'),
    caseReceipt: t.receiptLine('{id}', '{code}'),
    caseLink: t.doneCaseLink,
    caseHref: caseHref('{id}'),
  };
  return (
    <section class="panel feedback" aria-labelledby="feedback-heading" id="feedback">
      <h2 id="feedback-heading">{t.formHeading}</h2>

      <div
        id="feedback-status"
        class={confirmation ? 'notice notice--ok' : 'notice'}
        role="status"
        hidden={!confirmation}
      >
        {confirmation && (
          <>
            <p>{confirmation.done === 'replaced' ? t.doneReplaced : t.doneRecorded}</p>
            {confirmation.pending && <p>{t.donePending}</p>}
            {confirmation.masked.length > 0 && <p>{maskedText(ctx, confirmation.masked)}</p>}
            {confirmation.followUpCase && (
              <>
                <p>
                  {t.doneCaseOpened(formatDate(confirmation.followUpCase.dueAt))}{' '}
                  <a href={caseHref(confirmation.followUpCase.caseId)}>{t.doneCaseLink}</a>
                </p>
                <CaseReceipt
                  ctx={ctx}
                  caseId={confirmation.followUpCase.caseId}
                  code={confirmation.followUpCase.receiptCode}
                />
              </>
            )}
            <p>{t.doneCounted}</p>
          </>
        )}
      </div>

      <div id="yours" class="yours" hidden={!current && earlier.length === 0}>
        <h3>{t.yoursHeading}</h3>
        <p id="yours-current">
          {current && isLevel(current.rating) ? t.yoursThisYear(current.year, t.level(current.rating)) : ''}
        </p>
        {current && (
          <>
            <p class="muted">
              {t.yoursRecordedAt(formatDateTime(current.recordedAt))}
              {current.revision > 1 && ` · ${t.yoursRevisions(current.revision)}`}
            </p>
            {current.comment !== null && (
              <div class="yours__comment">
                <p class="muted">
                  {t.yoursComment} <span class="pill">{t.commentStatus(current.commentStatus)}</span>
                </p>
                <blockquote class="comment__text">
                  <Text ctx={ctx} text={current.comment} />
                </blockquote>
              </div>
            )}
          </>
        )}
        {earlier.length > 0 && (
          <ul class="plain">
            {earlier.map((b) => (
              <li>{isLevel(b.rating) ? t.yoursEarlier(b.year, t.level(b.rating)) : ''}</li>
            ))}
          </ul>
        )}
      </div>

      {form.errors.length > 0 && (
        <div
          class="error-summary"
          role="alert"
          aria-labelledby="error-summary-heading"
          tabindex={-1}
          id="error-summary"
        >
          <h3 id="error-summary-heading">{t.formErrorsHeading}</h3>
          <ul>
            {form.errors.map((error) => (
              <li>
                <a
                  href={
                    error === 'rating'
                      ? '#rating-5'
                      : error === 'comment' || error === 'commentInvalid'
                        ? '#comment'
                        : '#feedback-submit'
                  }
                >
                  {errorText(ctx, error)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <p>{t.formIntro}</p>
      <form
        method="post"
        action={inPlan(ctx.place, '/feedback')}
        class="feedback-form"
        data-feedback=""
        data-api={planApi(ctx.place, '/feedback')}
        novalidate
      >
        <input type="hidden" name="targetType" value={targetType} />
        <input type="hidden" name="targetId" value={targetId} />
        <input type="hidden" name={FORM_STAMP_FIELD} value={form.stamp} />
        {/* A honeypot: out of sight and out of the tab order; a person leaves it empty, a form-filling bot does not. */}
        <div class="visually-hidden">
          <label for="feedback-website">{t.formHoneypot}</label>
          <input type="text" id="feedback-website" name={HONEYPOT_FIELD} value="" tabindex={-1} autocomplete="off" />
        </div>
        <fieldset class="levels" aria-describedby={hasError('rating') ? 'rating-error' : undefined}>
          <legend>{t.formLevelLegend}</legend>
          {hasError('rating') && (
            <p class="field-error" id="rating-error">
              {t.errRating}
            </p>
          )}
          {LEVELS_BEST_FIRST.map((level) => (
            <div class="level">
              <input
                type="radio"
                name="rating"
                id={`rating-${level}`}
                value={String(level)}
                checked={checked === level}
                required
              />
              <label for={`rating-${level}`}>{t.level(level)}</label>
            </div>
          ))}
        </fieldset>
        <Field id="comment" label={t.formComment} hint={t.formCommentHint} hintFirst>
          {commentError && (
            <p class="field-error" id="comment-error">
              {hasError('comment') ? t.errComment : t.errCommentInvalid}
            </p>
          )}
          <textarea
            id="comment"
            name="comment"
            rows={4}
            maxlength={COMMENT_MAX_LENGTH}
            aria-describedby={commentError ? 'comment-hint comment-error' : 'comment-hint'}
            aria-invalid={commentError ? 'true' : undefined}
          >
            {form.comment ?? ''}
          </textarea>
        </Field>
        <button type="submit" class="button" id="feedback-submit">
          {current ? t.formChange : t.formSubmit}
        </button>
      </form>
      <script
        type="application/json"
        id="feedback-messages"
        dangerouslySetInnerHTML={{ __html: scriptJson(clientMessages) }}
      ></script>
    </section>
  );
}

/** Where the form would be, on a plan that takes no more ratings: why not. */
function ClosedToRatings({ ctx }: { ctx: PageContext }) {
  return (
    <section class="panel feedback" aria-labelledby="feedback-heading" id="feedback">
      <h2 id="feedback-heading">{ctx.t.formHeading}</h2>
      <p class="notice">{ctx.t.ratingsClosed}</p>
    </section>
  );
}

interface CommentsProps {
  ctx: PageContext;
  comments: { items: CommentWithReplies[]; nextCursor: string | null };
  /** This page's path, for the link to older comments. */
  basePath: string;
}

/** Published comments, newest first, each with its official replies when there are any. */
export function Comments({ ctx, comments, basePath }: CommentsProps) {
  const { t } = ctx;
  return (
    <section class="panel" aria-labelledby="comments-heading" id="comments">
      <h2 id="comments-heading">{t.commentsHeading}</h2>
      <p class="muted">{t.commentsIntro}</p>
      {comments.items.length === 0 ? (
        <p>{t.commentsNone}</p>
      ) : (
        <ol class="comments">
          {comments.items.map((comment) => (
            <li class="comment">
              <article aria-label={t.commentPublished(formatDate(comment.publishedAt))}>
                <p class="comment__meta">
                  <span class="pill">{isLevel(comment.rating) ? t.commentRated(t.level(comment.rating)) : ''}</span>{' '}
                  <time datetime={comment.publishedAt}>{t.commentPublished(formatDate(comment.publishedAt))}</time>
                  {comment.underReview && (
                    <>
                      {' '}
                      <span class="pill comment__review">{t.commentUnderReview}</span>
                    </>
                  )}
                </p>
                {/* Flags never take a comment down: it stays, marked, until a monitor keeps or hides it. */}
                {comment.underReview && <p class="muted comment__review-note">{t.commentUnderReviewNote}</p>}
                <p class="comment__text">
                  <Text ctx={ctx} text={comment.comment} />
                </p>
                {(comment.replies ?? []).map((reply) => (
                  <div class="reply">
                    <p class="reply__meta">
                      <strong>{t.officialReply}</strong>
                      {reply.department && (
                        <>
                          {' · '}
                          <DepartmentName ctx={ctx} named={reply} />
                        </>
                      )}
                      {' · '}
                      <time datetime={reply.publishedAt}>{t.repliedAt(formatDate(reply.publishedAt))}</time>
                    </p>
                    <p class="comment__text">
                      <Text ctx={ctx} text={reply.text} />
                    </p>
                  </div>
                ))}
              </article>
            </li>
          ))}
        </ol>
      )}
      {comments.nextCursor && (
        <p>
          <a href={`${basePath}?comments=${encodeURIComponent(comments.nextCursor)}#comments`}>{t.olderComments}</a>
        </p>
      )}
    </section>
  );
}
