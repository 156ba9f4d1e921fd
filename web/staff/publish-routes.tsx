import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import { csvResponse } from '../../shared/http/staff-auth.js';
import { statusOf } from '../../shared/http/problem.js';
import { NotFoundError } from '../../shared/errors.js';
import { takesValues } from '../../shared/plan/lifecycle.js';
import { ObservationInput, PublishRuleError } from '../../shared/publishing/observations.js';
import {
  ImportRejected,
  importObservations,
  importProgress,
  ProgressReasonRequired,
  publishObservation,
  publishProgress,
} from '../../shared/publishing/publish.js';
import { EXPORT_ROLES, staffExport, type StaffExport } from '../../shared/publishing/staff-exports.js';
import { AuditCsvQuery, ProgressBody } from '../../shared/api/staff-schemas.js';
import { auditFilter } from '../../shared/audit/filter.js';
import { PERIOD_PATTERN } from '../../shared/ratings/views.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { PRIVATE_PAGE_CACHE } from '../citizen/routes.js';
import { planOf } from './data.js';
import { PublishPage, type ImportReport } from './pages/index.js';
import {
  field,
  messagesOf,
  PUBLISHERS,
  STAFF,
  staffHome,
  typedText,
  type Notice,
  type StaffPageEnv,
  type StaffPageTools,
  type Status,
} from './tools.js';

/** A CSV import: the JSON API's 1 MiB, and the multipart envelope around it. */
export const MAX_IMPORT_FORM_BYTES = 1024 * 1024 + 16 * 1024;

/** What publishing and the CSV downloads use. */
export type PublishPagesDeps = Pick<
  AppDeps,
  'plans' | 'progress' | 'ratings' | 'cases' | 'calendar' | 'audit' | 'clock'
>;

/**
 * A plan's publishing page (/staff/publish, /staff/plans/{id}/publish): yearly values, progress
 * reports and CSV imports, each through the shared function the JSON staff route calls; and the
 * staff CSV downloads of that plan. A closed plan's figures are final: its page says so, and a post
 * to it is refused (409). Paths are relative: routes.tsx mounts these under each plan.
 */
export function publishPageRoutes(deps: PublishPagesDeps, tools: StaffPageTools) {
  const { render, session, formLimit } = tools;
  const planOfPage = (c: Context<StaffPageEnv>) => ({ ...deps, planId: c.get('planScope').plan.id });

  const publishPage = async (
    c: Context<StaffPageEnv>,
    extra: { notice?: Notice; report?: ImportReport; typed?: Record<string, string> },
    status: Status = 200,
  ) => {
    const snapshot = await planOf(deps, c.get('planScope').plan.id);
    return render(
      c,
      (ctx) => (
        <PublishPage
          ctx={ctx}
          state={{
            indicators: [...snapshot.indicators].sort((a, b) => a.seq - b.seq),
            projects: snapshot.projects,
            notice: extra.notice ?? null,
            report: extra.report ?? null,
            typed: extra.typed ?? {},
          }}
        />
      ),
      status,
    );
  };
  /** The plan to write to, or null when it is closed: the page then says why (409). */
  const openPlan = (c: Context<StaffPageEnv>) => (takesValues(c.get('planScope').plan.status) ? planOfPage(c) : null);
  const done = (c: Context<StaffPageEnv>, what: string) =>
    c.redirect(`${staffHome(c.get('planScope'))}/publish?done=${what}`, 303);

  return (
    new Hono<StaffPageEnv>()
      .get('/publish', session(PUBLISHERS), (c) => {
        const s = messagesOf(c, tools.assets);
        const what = c.req.query('done');
        const notice: Notice =
          what === 'new' || what === 'correction' || what === 'unchanged'
            ? { kind: 'ok', text: s.published(what) }
            : what === 'progress'
              ? { kind: 'ok', text: s.progressPublished }
              : null;
        return publishPage(c, { notice });
      })
      .post('/publish/observation', session(PUBLISHERS), formLimit, async (c) => {
        const body = await c.req.parseBody();
        const s = messagesOf(c, tools.assets);
        const typed = Object.fromEntries(
          ['indicator', 'year', 'value', 'source', 'note'].map((k) => [k, typedText(body, k)]),
        );
        const number = (text: string | undefined) =>
          text !== undefined && Number.isFinite(Number(text)) ? Number(text) : undefined;
        const input = ObservationInput.safeParse({
          year: number(field(body, 'year')),
          value: number(field(body, 'value')),
          ...(field(body, 'source') ? { source: field(body, 'source') } : {}),
          ...(field(body, 'note') ? { note: field(body, 'note') } : {}),
        });
        const plan = openPlan(c);
        if (!plan) return publishPage(c, { typed }, 409);
        if (!input.success || !typed.indicator)
          return publishPage(c, { notice: { kind: 'error', text: s.fieldsMissing }, typed }, 400);
        try {
          const result = await publishObservation(plan, typed.indicator, input.data, c.get('staff'), deps.clock());
          return done(c, result.outcome);
        } catch (error) {
          // An indicator the form names that does not exist is the form's mistake (400), like a field left out.
          if (error instanceof NotFoundError)
            return publishPage(c, { notice: { kind: 'error', text: s.fieldsMissing }, typed }, 400);
          if (error instanceof PublishRuleError)
            return publishPage(c, { notice: { kind: 'error', text: s.csvReason(error.why) }, typed }, statusOf(error));
          throw error;
        }
      })
      .post('/publish/progress', session(PUBLISHERS), formLimit, async (c) => {
        const body = await c.req.parseBody();
        const s = messagesOf(c, tools.assets);
        const typed = {
          project: typedText(body, 'project'),
          status: typedText(body, 'status'),
          progress: typedText(body, 'progress'),
          progressNote: typedText(body, 'note'),
        };
        const progress = field(body, 'progress');
        const report = ProgressBody.safeParse({
          status: body.status,
          progress: progress !== undefined && Number.isFinite(Number(progress)) ? Number(progress) : undefined,
          note: field(body, 'note'),
          ...(field(body, 'source') ? { source: field(body, 'source') } : {}),
          ...(field(body, 'reason') ? { reason: field(body, 'reason') } : {}),
        });
        const plan = openPlan(c);
        if (!plan) return publishPage(c, { typed }, 409);
        if (!report.success || !typed.project)
          return publishPage(c, { notice: { kind: 'error', text: s.fieldsMissing }, typed }, 400);
        try {
          await publishProgress(plan, typed.project, report.data, c.get('staff'), deps.clock());
        } catch (error) {
          if (error instanceof NotFoundError)
            return publishPage(c, { notice: { kind: 'error', text: s.fieldsMissing }, typed }, 400);
          if (error instanceof ProgressReasonRequired)
            return publishPage(c, { notice: { kind: 'error', text: s.progressReasonHint }, typed }, statusOf(error));
          throw error;
        }
        return done(c, 'progress');
      })
      .post(
        '/publish/import',
        session(PUBLISHERS),
        bodyLimit({ maxSize: MAX_IMPORT_FORM_BYTES, onError: tools.tooLarge((s) => s.importTooLarge) }),
        async (c) => {
          const body = await c.req.parseBody();
          const s = messagesOf(c, tools.assets);
          const plan = openPlan(c);
          if (!plan) return publishPage(c, {}, 409);
          const file = body.file;
          let text: string;
          try {
            if (!(file instanceof File) || file.size === 0) throw new Error('no file');
            text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
          } catch {
            return publishPage(c, { notice: { kind: 'error', text: s.importNoFile } }, 400);
          }
          const dryRun = body.dryRun === 'true';
          try {
            if (body.kind === 'progress') {
              const { summary } = await importProgress(plan, text, dryRun, c.get('staff'), deps.clock());
              return publishPage(c, {
                report: {
                  problems: [],
                  summary: { rows: summary.rows, changed: summary.reports, unchanged: summary.unchanged, dryRun },
                },
              });
            }
            const { summary } = await importObservations(plan, text, dryRun, c.get('staff'), deps.clock());
            return publishPage(c, {
              report: {
                problems: [],
                summary: {
                  rows: summary.rows,
                  changed: summary.new + summary.corrections,
                  unchanged: summary.unchanged,
                  dryRun,
                },
              },
            });
          } catch (error) {
            if (error instanceof ImportRejected)
              return publishPage(c, { report: { problems: error.problems, summary: null } }, statusOf(error));
            throw error;
          }
        },
      )

      // ---- CSV downloads: the JSON staff routes' exports of this plan, for a signed-in browser
      .get('/export/:file', session(STAFF), async (c) => {
        const match = /^(indicators|observations|progress|aggregates|cases|audit)\.csv$/.exec(c.req.param('file'));
        if (!match) return tools.notFound(c);
        const kind = match[1] as StaffExport['kind'];
        const roles = EXPORT_ROLES[kind];
        if (!c.get('staff').roles.some((r) => roles.includes(r))) return tools.refuse(c, 'forbidden', roles);
        let request: StaffExport;
        if (kind === 'aggregates') {
          const period = c.req.query('period') ?? 'all';
          if (!PERIOD_PATTERN.test(period)) return tools.notFound(c);
          request = { kind, period };
        } else if (kind === 'audit') {
          const q = AuditCsvQuery.safeParse(
            Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')),
          );
          if (!q.success) return tools.notFound(c);
          request = { kind, filter: auditFilter(q.data) };
        } else {
          request = { kind };
        }
        const res = csvResponse(c, await staffExport(planOfPage(c), request), deps.clock());
        res.headers.set('Cache-Control', PRIVATE_PAGE_CACHE);
        return res;
      })
  );
}
