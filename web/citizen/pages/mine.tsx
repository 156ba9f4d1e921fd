import { FORM_STAMP_FIELD, HONEYPOT_FIELD } from '../../../shared/http/csrf.js';
import { COMMENT_MAX_LENGTH } from '../../../shared/feedback/comment.js';
import { Fact, Field } from '../../components/common.js';
import { CaseStatesHelp } from '../../components/case-states.js';
import { CaseReceipt } from '../components/case-receipt.js';
import { DepartmentName, Text } from '../components/plan-text.js';
import type { PageContext } from '../../context.js';
import { formatDate, formatDateTime } from '../../format.js';
import { Layout } from '../layout.js';
import type { MineData, MyCase, MyRating, TargetRef } from '../mine-data.js';
import { inLang } from '../../localized.js';

export type ReplyFormError = 'choice' | 'note' | 'alreadyRated' | 'conflict' | 'notPerson' | 'formExpired';

/** The reply-rating form of one case, come back with what was chosen and what was wrong. */
export interface ReplyFormState {
  caseId: string;
  satisfied?: boolean | undefined;
  note?: string | undefined;
  errors: ReplyFormError[];
}

export interface MinePageState {
  /** The case whose reply was just rated, confirmed once after the redirect. */
  rated: string | null;
  form: ReplyFormState | null;
  /** The signed time the forms on this page are served (shared/http/csrf.ts). */
  stamp: string;
}

type Level = 1 | 2 | 3 | 4 | 5;
const isLevel = (n: number): n is Level => n >= 1 && n <= 5 && Number.isInteger(n);

const errorText = (ctx: PageContext, error: ReplyFormError) =>
  ({
    choice: ctx.t.errRateReplyChoice,
    note: ctx.t.errRateReplyNote,
    alreadyRated: ctx.t.errAlreadyRated,
    conflict: ctx.t.errConflict,
    notPerson: ctx.t.errNotPerson,
    formExpired: ctx.t.errFormExpired,
  })[error];

function TargetLink({ ctx, target, fallback }: { ctx: PageContext; target: TargetRef | null; fallback: string }) {
  if (!target) return <>{fallback}</>;
  return <a href={target.href}>{inLang(ctx.lang, target, 'name')}</a>;
}

/**
 * The citizen's own page: what was rated and commented from this browser, and every 差评 case
 * those ratings opened, with its deadline, the official reply and the form to rate the reply once.
 * Nothing here is public: it is found by the anonymous voter cookie and never cached.
 */
export function MinePage({ ctx, data, state }: { ctx: PageContext; data: MineData | null; state: MinePageState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.mineTitle} section="mine" scripts={['follow.js']}>
      <h1>{t.mineTitle}</h1>
      {data === null ? (
        <p class="lead" id="mine-none">
          {t.mineNoVoter}
        </p>
      ) : (
        <>
          <p class="lead">{t.mineIntro}</p>
          <section class="panel" aria-labelledby="cases-heading" id="cases">
            <h2 id="cases-heading">{t.mineCasesHeading}</h2>
            <p class="muted">{t.mineCasesIntro(data.deadlineWorkingDays)}</p>
            <CaseStatesHelp summary={t.caseStatesSummary} name={t.caseStatus} meaning={t.caseStatusMeaning} />
            {data.cases.length === 0 ? (
              <p>{t.mineCasesNone}</p>
            ) : (
              <ol class="plain cases">
                {data.cases.map((c) => (
                  <li>
                    <CaseCard ctx={ctx} item={c} state={state} />
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section class="panel" aria-labelledby="ratings-heading" id="ratings">
            <h2 id="ratings-heading">{t.mineRatingsHeading}</h2>
            {data.ratings.length === 0 ? (
              <p>{t.mineRatingsNone}</p>
            ) : (
              <>
                <p class="muted">{t.mineRatingsNote}</p>
                <ol class="plain comments">
                  {data.ratings.map((rating) => (
                    <li class="comment">
                      <RatingItem ctx={ctx} rating={rating} />
                    </li>
                  ))}
                </ol>
              </>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}

function RatingItem({ ctx, rating }: { ctx: PageContext; rating: MyRating }) {
  const { t } = ctx;
  return (
    <article id={`rating-${rating.feedbackId}`} aria-labelledby={`rating-${rating.feedbackId}-title`}>
      <h3 id={`rating-${rating.feedbackId}-title`}>
        <TargetLink ctx={ctx} target={rating.target} fallback={rating.targetId} />
      </h3>
      <p class="comment__meta">
        <span class="pill">{isLevel(rating.rating) ? t.yoursEarlier(rating.year, t.level(rating.rating)) : ''}</span>{' '}
        <time datetime={rating.recordedAt}>{t.yoursRecordedAt(formatDateTime(rating.recordedAt))}</time>
        {rating.revision > 1 && ` · ${t.yoursRevisions(rating.revision)}`}
      </p>
      {rating.comment !== null && (
        <>
          <p class="muted">
            {t.yoursComment} <span class="pill">{t.commentStatus(rating.commentStatus)}</span>
          </p>
          <blockquote class="comment__text">
            <Text ctx={ctx} text={rating.comment} />
          </blockquote>
        </>
      )}
    </article>
  );
}

function DeadlineText({ ctx, item }: { ctx: PageContext; item: MyCase }) {
  const { t } = ctx;
  const { deadline } = item;
  if (deadline.kind === 'due') return <>{t.caseDue(formatDate(deadline.dueAt), deadline.workingDaysLeft)}</>;
  if (deadline.kind === 'overdue')
    return <strong>{t.caseOverdue(formatDate(deadline.dueAt), deadline.workingDaysOver)}</strong>;
  return <>{t.caseDueState(item.dueState)}</>;
}

export function CaseCard({ ctx, item, state }: { ctx: PageContext; item: MyCase; state: MinePageState }) {
  const { t } = ctx;
  const id = `case-${item.caseId}`;
  const form = state.form?.caseId === item.caseId ? state.form : null;
  // Shown on the closed disclosure, so the steps do not look empty until opened.
  const latest = item.steps.at(-1);
  return (
    <article class="card case" id={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <TargetLink ctx={ctx} target={item.target} fallback={item.targetId} />
      </h3>
      <p class="status-line">
        <span class={`badge badge--case-${item.status}`}>{t.caseStatus(item.status)}</span>{' '}
        <span class="pill">{t.commentRated(t.level(item.rating))}</span>
      </p>
      <dl class="facts">
        <Fact term={t.caseRef}>
          <span class="case__id">{item.caseId}</span>
        </Fact>
        <Fact term={t.caseOpenedAt}>
          <time datetime={item.openedAt}>{formatDate(item.openedAt)}</time>
        </Fact>
        <Fact term={t.caseDeadline}>
          <DeadlineText ctx={ctx} item={item} />
        </Fact>
        {item.department && (
          <Fact term={t.caseDepartment}>
            <DepartmentName ctx={ctx} named={{ department: item.department, departmentEn: item.departmentEn }} />
          </Fact>
        )}
      </dl>
      <CaseReceipt ctx={ctx} caseId={item.caseId} code={item.receiptCode} pushKey={item.pushKey} />

      {item.reply ? (
        <div class="reply">
          <p class="reply__meta">
            <strong>{t.officialReply}</strong> · <DepartmentName ctx={ctx} named={item.reply} /> ·{' '}
            <time datetime={item.reply.at}>{t.repliedAt(formatDate(item.reply.at))}</time>
          </p>
          <p class="comment__text">
            <Text ctx={ctx} text={item.reply.text} />
          </p>
        </div>
      ) : (
        <p class="muted">{t.caseNoReplyYet}</p>
      )}

      {item.satisfaction && (
        <p
          class={state.rated === item.caseId ? 'notice notice--ok' : 'notice'}
          role={state.rated === item.caseId ? 'status' : undefined}
        >
          {t.caseSatisfaction(item.satisfaction)}
        </p>
      )}
      {form && form.errors.length > 0 && (
        <div
          class="error-summary"
          role="alert"
          aria-labelledby={`${id}-errors`}
          tabindex={-1}
          id={`${id}-error-summary`}
        >
          <h4 id={`${id}-errors`}>{t.formErrorsHeading}</h4>
          <ul>
            {form.errors.map((error) => (
              <li>{errorText(ctx, error)}</li>
            ))}
          </ul>
        </div>
      )}
      {item.canRateReply && <RateReplyForm ctx={ctx} item={item} form={form} stamp={state.stamp} />}

      <details class="steps">
        <summary>
          <span class="steps__title">{t.caseStepsHeading}</span>
          {latest && (
            <span class="steps__latest">
              {t.caseStepsLatest(
                item.steps.length,
                `${formatDateTime(latest.at)} ${t.caseStep(latest.action)} → ${t.caseStatus(latest.status)}`,
              )}
            </span>
          )}
        </summary>
        <ol>
          {item.steps.map((step) => (
            <li>
              <time datetime={step.at}>{formatDateTime(step.at)}</time> {t.caseStep(step.action)} →{' '}
              {t.caseStatus(step.status)}
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}

/** Satisfied closes the case; not satisfied asks for a review (申诉复核), with an optional reason. Once. */
function RateReplyForm({
  ctx,
  item,
  form,
  stamp,
}: {
  ctx: PageContext;
  item: MyCase;
  form: ReplyFormState | null;
  stamp: string;
}) {
  const { t } = ctx;
  const prefix = `reply-${item.caseId}`;
  const errors = form?.errors ?? [];
  return (
    <form method="post" action={`/me/cases/${item.caseId}/satisfaction`} class="reply-form" novalidate>
      <input type="hidden" name={FORM_STAMP_FIELD} value={stamp} />
      <div class="visually-hidden">
        <label for={`${prefix}-website`}>{t.formHoneypot}</label>
        <input type="text" id={`${prefix}-website`} name={HONEYPOT_FIELD} value="" tabindex={-1} autocomplete="off" />
      </div>
      <fieldset class="levels">
        <legend>{t.rateReplyLegend}</legend>
        <p class="hint">{t.rateReplyOnce}</p>
        <div class="level">
          <input
            type="radio"
            name="satisfied"
            id={`${prefix}-yes`}
            value="yes"
            checked={form?.satisfied === true}
            required
          />
          <label for={`${prefix}-yes`}>{t.rateReplySatisfied}</label>
        </div>
        <div class="level">
          <input
            type="radio"
            name="satisfied"
            id={`${prefix}-no`}
            value="no"
            checked={form?.satisfied === false}
            required
          />
          <label for={`${prefix}-no`}>{t.rateReplyUnsatisfied}</label>
        </div>
      </fieldset>
      <Field id={`${prefix}-note`} label={t.rateReplyNote} hint={t.rateReplyNoteHint} hintFirst>
        <textarea
          id={`${prefix}-note`}
          name="note"
          rows={3}
          maxlength={COMMENT_MAX_LENGTH}
          aria-describedby={`${prefix}-note-hint`}
          aria-invalid={errors.includes('note') ? 'true' : undefined}
        >
          {form?.note ?? ''}
        </textarea>
      </Field>
      <button type="submit" class="button" id={`${prefix}-submit`}>
        {t.rateReplySubmit}
      </button>
    </form>
  );
}
