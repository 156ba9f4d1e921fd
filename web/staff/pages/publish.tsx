import type { AuditEntry } from '../../shared/audit/entry.js';
import { AUDIT_ACTIONS } from '../../shared/audit/entry.js';
import type { CaseView, StaffCase } from '../../shared/cases/workflow.js';
import type { CsvProblem } from '../../shared/publishing/csv.js';
import { ALLOWED_FROM, type ModerationAction } from '../../shared/moderation/flags.js';
import { stepsFrom } from '../../shared/cases/case.js';
import type { Indicator, Project } from '../../shared/plan/schema.js';
import { ProjectStatus } from '../../shared/plan/schema.js';
import type { ScopeSummary } from '../../shared/ratings/documents.js';
import type { Proportion } from '../../shared/ratings/statistics.js';
import type { StaffComment } from '../../shared/store/feedback-repository.js';
import { formatDateTime, formatNumber, formatShare } from '../format.js';
import type { DashboardData, StaffRecord, TargetName } from './data.js';
import { COUNT_CAP } from './data.js';
import { DataTable } from '../components/chart.js';
import { Fact, FilterSelect } from '../components/common.js';
import { Notice, StaffLayout, type StaffContext } from './layout.js';
import type { StaffMessages } from './i18n.js';

const nameOf = (ctx: StaffContext, name: TargetName | undefined, fallback: string) => (name ? (ctx.lang === 'en' ? name.nameEn : name.nameZh) : fallback);

function TargetLink({ ctx, name, fallback }: { ctx: StaffContext; name: TargetName | undefined; fallback: string }) {
  return name ? <a href={name.href}>{nameOf(ctx, name, fallback)}</a> : <>{fallback}</>;
}

const interval = (ctx: StaffContext, p: Proportion | null) =>
  p ? `${formatShare(p.share, ctx.lang)} (${formatShare(p.lower, ctx.lang)}–${formatShare(p.upper, ctx.lang)})` : '—';

const count = (n: number) => (n >= COUNT_CAP ? `${COUNT_CAP}+` : String(n));

// ---- Pages before or instead of a session ------------------------------------------------

/**
 * After the callback: the session cookie is SameSite=Strict, and a browser does not send it on a
 * redirect chain that started at the provider's site; a navigation from this page of ours does.
 */
export function SignedInPage({ ctx, returnTo }: { ctx: StaffContext; returnTo: string }) {
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="robots" content="noindex, nofollow" />
        <meta http-equiv="refresh" content={`0;url=${returnTo}`} />
        <title>{ctx.s.signedInTitle}</title>
        <link rel="icon" href="data:," />
      </head>
      <body>
        <main>
          <h1>{ctx.s.signedInTitle}</h1>
          <p>
            <a href={returnTo}>{ctx.s.signedInContinue}</a>
          </p>
        </main>
      </body>
    </html>
  );
}

export function MessagePage({ ctx, title, body, link }: { ctx: StaffContext; title: string; body: string; link?: { href: string; label: string } }) {
  return (
    <StaffLayout ctx={ctx} title={title} section={null}>
      <h1>{title}</h1>
      <p>{body}</p>
      {link && (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      )}
    </StaffLayout>
  );
}

// ---- Dashboard -----------------------------------------------------------------------------

export function DashboardPage({ ctx, data }: { ctx: StaffContext; data: DashboardData }) {
  const { s, lang } = ctx;
  const monitor = ctx.staff?.roles.some((r) => r === 'monitor' || r === 'admin') ?? false;
  return (
    <StaffLayout ctx={ctx} title={s.dashboardTitle} section="dashboard">
      <h1>{s.dashboardTitle}</h1>
      <dl class="facts">
        <Fact term={s.dashboardQueue} id="queue-size">{count(data.queueSize)}</Fact>
        <Fact term={s.dashboardCasesOpen} id="cases-open">{count(data.cases.open)}</Fact>
        <Fact term={s.dashboardCasesDueSoon} id="cases-due-soon">{data.cases.dueSoon}</Fact>
        <Fact term={s.dashboardCasesOverdue} id="cases-overdue">{data.cases.overdue}</Fact>
      </dl>
      {monitor && (
        <p class="staff-actions">
          <a class="button" href="/staff/queue">
            {s.dashboardOpenQueue}
          </a>
          <a class="button button--secondary" href="/staff/cases">
            {s.dashboardOpenCases}
          </a>
        </p>
      )}

      <h2>{s.dashboardLeastHeading}</h2>
      <p class="hint">{s.dashboardLeastIntro(data.minRatings)}</p>
      {data.least.length === 0 ? (
        <p>{s.dashboardLeastNone(data.minRatings)}</p>
      ) : (
        <ol id="least">
          {data.least.map((l) => (
            <li>
              <a href={l.href}>{lang === 'en' ? l.nameEn : l.nameZh}</a>
              {` — ${formatNumber(l.summary.bayesianMean ?? 0, lang)}, ${l.summary.count}`}
            </li>
          ))}
        </ol>
      )}

      <h2>{s.dashboardRankingHeading}</h2>
      <p class="hint">{s.dashboardRankingIntro}</p>
      {data.targets.length === 0 ? (
        <p>{s.dashboardNoRatings}</p>
      ) : (
        <DataTable label={s.dashboardRankingHeading} id="ranking" columns={[s.colRank, s.colTarget, s.colCount, s.colMean, s.colSatisfaction, s.colDissatisfaction, s.colBayesian]}>
          {data.targets.map(({ summary, name }: { summary: ScopeSummary; name: TargetName | undefined }) => (
            <tr>
              <td>{summary.rank ?? s.tooFew}</td>
              <th scope="row">
                <TargetLink ctx={ctx} name={name} fallback={summary.scope} />
              </th>
              <td>{summary.count}</td>
              <td>{summary.mean === null ? '—' : formatNumber(summary.mean, lang)}</td>
              <td>{interval(ctx, summary.satisfaction)}</td>
              <td>{interval(ctx, summary.dissatisfaction)}</td>
              <td>{summary.bayesianMean === null ? '—' : formatNumber(summary.bayesianMean, lang)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </StaffLayout>
  );
}

// ---- Moderation ----------------------------------------------------------------------------

/** The moderation steps a comment in this status can take, by the rule itself. */
const actionsFor = (status: 'pending' | 'published' | 'rejected' | 'hidden'): ModerationAction[] =>
  (Object.keys(ALLOWED_FROM) as ModerationAction[]).filter((action) => ALLOWED_FROM[action].includes(status));

/** How `publish` reads where it is offered: approving a pending comment, keeping one under review, or either. */
type PublishMeans = 'publish' | 'keep' | 'either';
const actionLabel = (s: StaffMessages, means: PublishMeans) => (a: ModerationAction) =>
  a !== 'publish' ? s.action(a) : means === 'keep' ? s.actionKeep : means === 'either' ? s.actionPublishOrKeep : s.action(a);

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

/** The actions of one comment's page: under review, it is kept or hidden. */
function commentActions(record: StaffRecord): { actions: ModerationAction[]; means: PublishMeans } {
  if (record.commentStatus === 'none') return { actions: [], means: 'publish' };
  if (record.commentStatus === 'published' && record.underReviewSince !== undefined) return { actions: ['publish', 'hide'], means: 'keep' };
  return { actions: actionsFor(record.commentStatus), means: 'publish' };
}

export interface QueueState {
  filter: { status: 'pending' | 'rejected' | 'hidden' | 'published'; target: string; reason: string; olderThanHours: string };
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
      <form method="get" action="/staff/queue" class="filters">
        <FilterSelect
          id="f-status"
          name="status"
          label={s.filterStatus}
          all={null}
          options={(['pending', 'rejected', 'hidden', 'published'] as const).map((v) => [v, s.commentStatus(v)] as const)}
          selected={f.status}
        />
        <FilterSelect
          id="f-target"
          name="target"
          label={s.filterTarget}
          all={s.filterAll}
          options={state.targets}
          selected={f.target}
        />
        <FilterSelect
          id="f-reason"
          name="reason"
          label={s.filterReason}
          all={s.filterAll}
          options={(['new', 'flagged'] as const).map((v) => [v, s.queueReason(v)] as const)}
          selected={f.reason}
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
        <form method="post" action="/staff/queue">
          <p class="muted">{s.queueCount(state.items.length)}</p>
          <DataTable label={s.queueTitle} id="queue" columns={[s.colSelect, s.colComment, s.colTarget, s.colRating, s.colSince, s.colFlags, s.open]}>
            {state.items.map((item) => (
              <tr>
                <td>
                  <input type="checkbox" name="ids" value={item.feedbackId} id={`c-${item.feedbackId}`} aria-label={s.selectComment(item.feedbackId.slice(0, 8))} />
                </td>
                <td class="staff-comment">
                  <label for={`c-${item.feedbackId}`}>{item.comment}</label>
                </td>
                <td>
                  <TargetLink ctx={ctx} name={state.names.get(`${item.targetType}:${item.targetId}`)} fallback={`${item.targetType}:${item.targetId}`} />
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

export function CommentPage({ ctx, record, name, notice }: { ctx: StaffContext; record: StaffRecord; name: TargetName | undefined; notice: { kind: 'ok' | 'error'; text: string } | null }) {
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

function DepartmentAndText({ ctx, prefix, textName }: { ctx: StaffContext; prefix: string; textName: string }) {
  return (
    <>
      <div class="field">
        <label for={`${prefix}-department`}>{ctx.s.department}</label>
        <input type="text" id={`${prefix}-department`} name="department" required maxlength={100} />
      </div>
      <div class="field">
        <label for={`${prefix}-text`}>{ctx.s.replyText}</label>
        <textarea id={`${prefix}-text`} name={textName} required maxlength={4000}></textarea>
      </div>
    </>
  );
}

// ---- Cases ---------------------------------------------------------------------------------

export const CASE_VIEWS: readonly CaseView[] = ['active', 'due-soon', 'overdue', 'closed'];

export function CasesPage({ ctx, view, items, names, nextHref }: { ctx: StaffContext; view: CaseView; items: StaffCase[]; names: Map<string, TargetName>; nextHref: string | null }) {
  const { s } = ctx;
  return (
    <StaffLayout ctx={ctx} title={s.casesTitle} section="cases">
      <h1>{s.casesTitle}</h1>
      <p>{s.casesIntro}</p>
      <nav aria-label={s.casesTitle}>
        <ul class="staff-actions">
          {CASE_VIEWS.map((v) => (
            <li>
              <a href={`/staff/cases?view=${v}`} aria-current={v === view ? 'page' : undefined}>
                {s.caseView(v)}
              </a>
            </li>
          ))}
          <li>
            <a href="/staff/export/cases.csv">{s.exportCases} (CSV)</a>
          </li>
        </ul>
      </nav>
      {items.length === 0 ? (
        <p>{s.casesEmpty}</p>
      ) : (
        <DataTable label={s.caseView(view)} id="cases" columns={[s.colCase, s.colTarget, s.colStatus, s.colDue, s.colDueState, s.colDepartment]}>
          {items.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/staff/cases/${c.caseId}`}>{c.caseId.slice(0, 8)}</a>
              </th>
              <td>{nameOf(ctx, names.get(`${c.targetType}:${c.targetId}`), `${c.targetType}:${c.targetId}`)}</td>
              <td>{s.caseStatus(c.status)}</td>
              <td>{c.dueAt ? formatDateTime(c.dueAt) : '—'}</td>
              <td>{s.dueState(c.dueState)}</td>
              <td>{c.department ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <NextPage s={s} href={nextHref} />
    </StaffLayout>
  );
}

export type CaseDetail = StaffCase & { comment: { text: string | null; status: string; replies: Array<{ department: string; text: string; publishedAt: string }> } | null; audit: AuditEntry[] };

export function CasePage({ ctx, item, name, notice }: { ctx: StaffContext; item: CaseDetail; name: TargetName | undefined; notice: { kind: 'ok' | 'error'; text: string } | null }) {
  const { s } = ctx;
  // Assigning is part of verifying here (its department field); the citizen's own steps are not a monitor's.
  const steps = stepsFrom(item.status).filter((step): step is 'verify' | 'rectify' | 'reply' | 'close' => step === 'verify' || step === 'rectify' || step === 'reply' || step === 'close');
  return (
    <StaffLayout ctx={ctx} title={s.caseTitle} section="cases">
      <h1>{`${s.caseTitle} ${item.caseId.slice(0, 8)}`}</h1>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <dl class="facts">
        <Fact term={s.commentOn}>
          <TargetLink ctx={ctx} name={name} fallback={`${item.targetType}:${item.targetId}`} />
        </Fact>
        <Fact term={s.colStatus} id="case-status">{s.caseStatus(item.status)}</Fact>
        <Fact term={s.caseRating}>{item.rating}</Fact>
        <Fact term={s.caseOpened}>{formatDateTime(item.openedAt)}</Fact>
        <Fact term={s.caseDue} id="case-due">
          {`${item.dueAt ? formatDateTime(item.dueAt) : s.firstReply(formatDateTime(item.firstDueAt), item.firstReplyAt && formatDateTime(item.firstReplyAt), item.firstReplyAt !== null && item.firstReplyAt <= item.firstDueAt)} (${s.dueState(item.dueState)})`}
        </Fact>
        <Fact term={s.colDepartment}>{item.department ?? '—'}</Fact>
      </dl>
      <h2>{s.caseComment}</h2>
      {item.comment && (
        <>
          <blockquote class="comment__text">{item.comment.text}</blockquote>
          {item.comment.replies.map((r) => (
            <div class="reply">
              <p class="reply__meta">{`${s.officialReply}: ${r.department} · ${formatDateTime(r.publishedAt)}`}</p>
              <p>{r.text}</p>
            </div>
          ))}
        </>
      )}

      {steps.length === 0 ? (
        <p>{s.noSteps}</p>
      ) : (
        steps.map((step) => (
          <form method="post" action={`/staff/cases/${item.caseId}/steps`} class="staff-form" id={`step-${step}`}>
            <h2>{s.caseStep(step)}</h2>
            <input type="hidden" name="action" value={step} />
            {step === 'reply' ? (
              <DepartmentAndText ctx={ctx} prefix={`s-${step}`} textName="text" />
            ) : (
              <>
                {step === 'verify' && (
                  <div class="field">
                    <label for={`s-${step}-department`}>{s.department}</label>
                    <input type="text" id={`s-${step}-department`} name="department" maxlength={100} value={item.department ?? ''} />
                  </div>
                )}
                <div class="field">
                  <label for={`s-${step}-note`}>{s.note}</label>
                  <input type="text" id={`s-${step}-note`} name="note" maxlength={500} required={step === 'rectify' || step === 'close'} aria-describedby={`s-${step}-hint`} />
                  <p class="hint" id={`s-${step}-hint`}>
                    {s.noteHint}
                  </p>
                </div>
              </>
            )}
            <p>
              <button type="submit" class="button">
                {s.caseStep(step)}
              </button>
            </p>
          </form>
        ))
      )}

      <h2>{s.caseHistory}</h2>
      <DataTable label={s.caseHistory} id="case-history" columns={[s.colWhen, s.colWho, s.colFromTo, s.note]}>
        {item.history.map((e) => (
          <tr>
            <td>{formatDateTime(e.at)}</td>
            <td>{e.by}</td>
            <td>{`${e.from ? s.caseStatus(e.from) : '—'} → ${s.caseStatus(e.to)}`}</td>
            <td>{e.note ?? ''}</td>
          </tr>
        ))}
      </DataTable>
    </StaffLayout>
  );
}

// ---- Publishing ----------------------------------------------------------------------------

export interface ImportReport {
  problems: CsvProblem[];
  summary: { rows: number; changed: number; unchanged: number; dryRun: boolean } | null;
}

export interface PublishState {
  indicators: Indicator[];
  projects: Project[];
  notice: { kind: 'ok' | 'error'; text: string } | null;
  report: ImportReport | null;
  /** What was typed, when a form comes back with a mistake. */
  typed: Record<string, string>;
}

export function PublishPage({ ctx, state }: { ctx: StaffContext; state: PublishState }) {
  const { s, lang } = ctx;
  const v = (name: string) => state.typed[name] ?? '';
  return (
    <StaffLayout ctx={ctx} title={s.publishTitle} section="publish">
      <h1>{s.publishTitle}</h1>
      <p>{s.publishIntro}</p>
      {state.notice && <Notice kind={state.notice.kind}>{state.notice.text}</Notice>}
      {state.report && <ImportReportView ctx={ctx} report={state.report} />}

      <form method="post" action="/staff/publish/observation" class="staff-form" id="observation-form">
        <h2>{s.observationHeading}</h2>
        <div class="field">
          <label for="o-indicator">{s.indicator}</label>
          <select id="o-indicator" name="indicator" required>
            {state.indicators.map((i) => (
              <option value={i.id} selected={v('indicator') === i.id}>
                {`${i.seq}. ${lang === 'en' ? i.nameEn : i.nameZh}${i.unit ? ` (${lang === 'en' ? i.unitEn : i.unit})` : ''}`}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="o-year">{s.year}</label>
          <input type="number" id="o-year" name="year" min="2015" max="2035" step="1" required value={v('year')} />
        </div>
        <div class="field">
          <label for="o-value">{s.value}</label>
          <input type="text" id="o-value" name="value" inputmode="decimal" required value={v('value')} />
        </div>
        <div class="field">
          <label for="o-source">{s.source}</label>
          <input type="text" id="o-source" name="source" maxlength={500} value={v('source')} />
        </div>
        <div class="field">
          <label for="o-note">{s.noteOrReason}</label>
          <input type="text" id="o-note" name="note" maxlength={1000} aria-describedby="o-note-hint" value={v('note')} />
          <p class="hint" id="o-note-hint">
            {s.noteOrReasonHint}
          </p>
        </div>
        <p>
          <button type="submit" class="button">
            {s.publish}
          </button>
        </p>
      </form>

      <form method="post" action="/staff/publish/progress" class="staff-form" id="progress-form">
        <h2>{s.progressHeading}</h2>
        <div class="field">
          <label for="p-project">{s.project}</label>
          <select id="p-project" name="project" required>
            {state.projects.map((p) => (
              <option value={p.id} selected={v('project') === p.id}>
                {lang === 'en' ? p.titleEn : p.titleZh}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="p-status">{s.projectStatusLabel}</label>
          <select id="p-status" name="status">
            {ProjectStatus.options.map((st) => (
              <option value={st} selected={v('status') === st}>
                {s.projectStatus(st)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="p-progress">{s.progressPercent}</label>
          <input type="number" id="p-progress" name="progress" min="0" max="100" step="any" required value={v('progress')} />
        </div>
        <div class="field">
          <label for="p-note">{s.progressNote}</label>
          <textarea id="p-note" name="note" required maxlength={2000}>
            {v('progressNote')}
          </textarea>
        </div>
        <div class="field">
          <label for="p-source">{s.source}</label>
          <input type="text" id="p-source" name="source" maxlength={500} />
        </div>
        <div class="field">
          <label for="p-reason">{s.progressReason}</label>
          <input type="text" id="p-reason" name="reason" maxlength={1000} aria-describedby="p-reason-hint" />
          <p class="hint" id="p-reason-hint">
            {s.progressReasonHint}
          </p>
        </div>
        <p>
          <button type="submit" class="button">
            {s.publish}
          </button>
        </p>
      </form>

      <form method="post" action="/staff/publish/import" enctype="multipart/form-data" class="staff-form" id="import-form">
        <h2>{s.importHeading}</h2>
        <p>{s.importIntro}</p>
        <div class="field">
          <label for="i-kind">{s.importKind}</label>
          <select id="i-kind" name="kind">
            <option value="observations">{s.importKindObservations}</option>
            <option value="progress">{s.importKindProgress}</option>
          </select>
        </div>
        <div class="field">
          <label for="i-file">{s.importFile}</label>
          <input type="file" id="i-file" name="file" accept=".csv,text/csv" required />
        </div>
        <div class="field">
          <label>
            <input type="checkbox" name="dryRun" value="true" /> {s.importDryRun}
          </label>
        </div>
        <p>
          <button type="submit" class="button">
            {s.importSubmit}
          </button>
        </p>
      </form>

      <h2>{s.exportsHeading}</h2>
      <ul>
        <li>
          <a href="/staff/export/indicators.csv">{s.exportIndicators}</a>
        </li>
        <li>
          <a href="/staff/export/observations.csv">{s.exportObservations}</a>
        </li>
        <li>
          <a href="/staff/export/progress.csv">{s.exportProgress}</a>
        </li>
        <li>
          <a href="/staff/export/aggregates.csv">{s.exportAggregates}</a>
        </li>
      </ul>
    </StaffLayout>
  );
}

function ImportReportView({ ctx, report }: { ctx: StaffContext; report: ImportReport }) {
  const { s } = ctx;
  return (
    <section aria-labelledby="import-report" id="import-report-section">
      <h2 id="import-report">{s.importReportTitle}</h2>
      {report.summary && <Notice kind="ok">{s.importSummary(report.summary.rows, report.summary.changed, report.summary.unchanged, report.summary.dryRun)}</Notice>}
      {report.problems.length > 0 && (
        <>
          <Notice kind="error">{s.importProblems(report.problems.length)}</Notice>
          <DataTable label={s.importReportTitle} id="import-problems" columns={[s.colLine, s.colColumn, s.colProblem]}>
            {report.problems.map((p) => (
              <tr>
                <td>{p.line}</td>
                <td>{p.column ?? ''}</td>
                <td>{s.csvReason(p.why)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}

// ---- Audit ---------------------------------------------------------------------------------

export function AuditPage({
  ctx,
  filter,
  items,
  nextHref,
  csvHref,
  notice,
}: {
  ctx: StaffContext;
  filter: Record<'action' | 'actor' | 'since' | 'until', string>;
  items: AuditEntry[];
  nextHref: string | null;
  csvHref: string;
  notice: string | null;
}) {
  const { s } = ctx;
  return (
    <StaffLayout ctx={ctx} title={s.auditTitle} section="audit">
      <h1>{s.auditTitle}</h1>
      <p>{s.auditIntro}</p>
      {notice && <Notice kind="error">{notice}</Notice>}
      <form method="get" action="/staff/audit" class="filters">
        <FilterSelect
          id="a-action"
          name="action"
          label={s.auditAction}
          all={s.filterAll}
          options={AUDIT_ACTIONS.map((a) => [a, a] as const)}
          selected={filter.action}
        />
        <div class="filters__field">
          <label for="a-actor">{s.auditActor}</label>
          <input type="text" id="a-actor" name="actor" value={filter.actor} maxlength={300} />
        </div>
        <div class="filters__field">
          <label for="a-since">{s.auditSince}</label>
          <input type="text" id="a-since" name="since" value={filter.since} placeholder="2026-01-01T00:00:00Z" />
        </div>
        <div class="filters__field">
          <label for="a-until">{s.auditUntil}</label>
          <input type="text" id="a-until" name="until" value={filter.until} placeholder="2026-12-31T23:59:59Z" />
        </div>
        <div class="filters__actions">
          <button type="submit" class="button button--secondary">
            {s.filterApply}
          </button>
          <a href={csvHref}>{s.exportAudit}</a>
        </div>
      </form>
      {items.length === 0 ? (
        <p>{s.auditEmpty}</p>
      ) : (
        <DataTable label={s.auditTitle} id="audit" columns={[s.colWhen, s.colWho, s.colAction, s.colSubject, s.colReason, s.colDetails]}>
          {items.map((e) => (
            <tr>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actor.name === e.actor.sub ? e.actor.sub : `${e.actor.name} (${e.actor.sub})`}</td>
              <td>{e.action}</td>
              <td>{`${e.subject.type}:${e.subject.id}`}</td>
              <td>{e.reason ?? ''}</td>
              <td>
                {/* Kept as JSON text already: shown as it is, not encoded a second time. */}
                <code>{e.details}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <NextPage s={s} href={nextHref} />
    </StaffLayout>
  );
}

/** The link under a paged staff list, when there is a next page. */
function NextPage({ s, href }: { s: StaffMessages; href: string | null }) {
  return href ? (
    <p>
      <a href={href}>{s.nextPage}</a>
    </p>
  ) : null;
}

/** The moderation action and its reason: the same two fields for one comment or for several. */
function ModerationFields({ s, prefix, actions, label }: { s: StaffMessages; prefix: string; actions: readonly ModerationAction[]; label: (a: ModerationAction) => string }) {
  return (
    <>
      <div class="field">
        <label for={`${prefix}-action`}>{s.colAction}</label>
        <select id={`${prefix}-action`} name="action">
          {actions.map((a) => (
            <option value={a}>{label(a)}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${prefix}-reason`}>{s.reason}</label>
        <input type="text" id={`${prefix}-reason`} name="reason" maxlength={500} aria-describedby={`${prefix}-reason-hint`} />
        <p class="hint" id={`${prefix}-reason-hint`}>
          {s.reasonHint}
        </p>
      </div>
    </>
  );
}
