import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { StaffEnv } from '../../shared/http/staff-auth.js';
import { moderateComment, moderateMany, moderationQueue } from '../../shared/moderation/moderate.js';
import { officialReply, staffCase } from '../../shared/cases/workflow.js';
import { FeedbackId } from '../../shared/api/schemas.js';
import { BulkModerationBody, CommentQueueQuery, ModerationBody, ReplyBody } from '../../shared/api/staff-schemas.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { inLang } from '../localized.js';
import { commentData, planOf, targetNames, type StaffDataDeps } from './data.js';
import { replyRefusal } from './reply-refusal.js';
import { CommentPage, QueuePage } from './pages/index.js';
import {
  explained,
  field,
  messagesOf,
  MONITORS,
  staffHome,
  strings,
  type Notice,
  type StaffPageEnv,
  type StaffPageTools,
  type Status,
} from './tools.js';

/** What the moderation queue and a comment's page use. */
export type ModerationPagesDeps = StaffDataDeps &
  Pick<AppDeps, 'replies' | 'audit' | 'departments' | 'caseDeadlineDays'>;

/**
 * A plan's moderation queue (relative paths: routes.tsx mounts them under each plan): its pending
 * and flagged comments, filtered, and moderated in bulk.
 */
export function queuePageRoutes(deps: ModerationPagesDeps, tools: StaffPageTools) {
  const { render, session, formLimit } = tools;
  const queuePage = async (c: Context<StaffPageEnv>, notice: Notice, status: Status = 200) => {
    const scope = c.get('planScope');
    const query = c.req.query();
    const [targetType, targetId] = (query.target ?? '').split(':');
    const parsed = CommentQueueQuery.safeParse({
      status: query.status || undefined,
      reason: query.reason || undefined,
      olderThanHours: query.olderThanHours || undefined,
      cursor: query.cursor || undefined,
      ...(targetType && targetId ? { targetType, targetId } : {}),
    });
    const q = { ...(parsed.success ? parsed.data : CommentQueueQuery.parse({})), planId: scope.plan.id };
    const [page, snapshot] = await Promise.all([moderationQueue(deps, q, deps.clock()), planOf(deps, scope.plan.id)]);
    const names = targetNames(snapshot);
    const next = page.nextCursor
      ? `${staffHome(scope)}/queue?${new URLSearchParams({ ...query, cursor: page.nextCursor })}`
      : null;
    return render(
      c,
      (ctx) => (
        <QueuePage
          ctx={ctx}
          state={{
            filter: {
              status: q.status,
              target: q.targetType ? `${q.targetType}:${q.targetId}` : '',
              reason: q.reason ?? '',
              olderThanHours: q.olderThanHours === undefined ? '' : String(q.olderThanHours),
            },
            items: page.items,
            nextHref: next,
            names,
            targets: [...names.entries()].map(([key, n]) => [key, inLang(ctx.lang, n, 'name')]),
            notice: notice ?? (parsed.success ? null : { kind: 'error', text: ctx.s.badFilter }),
          }}
        />
      ),
      status,
    );
  };

  return new Hono<StaffPageEnv>()
    .get('/queue', session(MONITORS), (c) => {
      const done = c.req.query('done');
      const failed = c.req.query('failed');
      if (done !== undefined && /^\d{1,3}$/.test(done) && /^\d{1,3}$/.test(failed ?? '0')) {
        const text = messagesOf(c, tools.assets).moderated(Number(done), Number(failed ?? 0));
        return queuePage(c, { kind: 'ok', text });
      }
      return queuePage(c, null);
    })
    .post('/queue', session(MONITORS), formLimit, async (c) => {
      const body = await c.req.parseBody({ all: true });
      const s = messagesOf(c, tools.assets);
      const ids = strings(body.ids);
      if (ids.length === 0) return queuePage(c, { kind: 'error', text: s.noneSelected }, 400);
      const reason = field(body, 'reason');
      const parsed = BulkModerationBody.safeParse({
        items: ids.map((feedbackId) => ({ feedbackId, action: body.action, ...(reason ? { reason } : {}) })),
      });
      if (!parsed.success) {
        const text = parsed.error.issues.some((i) => i.path.includes('reason')) ? s.reasonRequired : s.fieldsMissing;
        return queuePage(c, { kind: 'error', text }, 400);
      }
      const outcome = await moderateMany(deps, parsed.data.items, c.get('staff'), deps.clock());
      c.header('Cache-Control', 'no-store');
      return c.redirect(`${staffHome(c.get('planScope'))}/queue?done=${outcome.done}&failed=${outcome.failed}`, 303);
    });
}

/** A comment's page (/staff/comments/{id}), whatever its plan: its moderation and official replies. */
export function commentPageRoutes(deps: ModerationPagesDeps, tools: StaffPageTools) {
  const { render, session, formLimit, notFound } = tools;
  const commentPage = async (c: Context<StaffEnv>, id: string, notice: Notice, status: Status = 200) => {
    if (!FeedbackId.safeParse(id).success) return notFound(c);
    const [data, opened, departments] = await Promise.all([
      commentData(deps, id),
      // A case's id is the id of the rating that opened it.
      deps.cases.get(id),
      deps.departments.list(),
    ]);
    if (!data) return notFound(c);
    const followUp = opened ? staffCase(opened, deps.clock(), deps.calendar) : null;
    return render(
      c,
      (ctx) => (
        <CommentPage
          ctx={ctx}
          record={data.record}
          name={data.name}
          followUp={followUp}
          departments={departments}
          notice={notice}
        />
      ),
      status,
    );
  };

  return new Hono<StaffEnv>()
    .get('/staff/comments/:id', session(MONITORS), (c) => {
      const s = messagesOf(c, tools.assets);
      const done = c.req.query('done');
      const notice: Notice =
        done === 'moderated'
          ? { kind: 'ok', text: s.moderatedOne }
          : done === 'replied'
            ? { kind: 'ok', text: s.replied }
            : null;
      return commentPage(c, c.req.param('id'), notice);
    })
    .post('/staff/comments/:id/moderation', session(MONITORS), formLimit, async (c) => {
      const id = c.req.param('id');
      const s = messagesOf(c, tools.assets);
      if (!FeedbackId.safeParse(id).success) return notFound(c);
      const body = await c.req.parseBody();
      const parsed = ModerationBody.safeParse({
        action: body.action,
        ...(field(body, 'reason') ? { reason: field(body, 'reason') } : {}),
      });
      if (!parsed.success) return commentPage(c, id, { kind: 'error', text: s.reasonRequired }, 400);
      try {
        await moderateComment(deps, { feedbackId: id, ...parsed.data }, c.get('staff'), deps.clock());
      } catch (error) {
        return commentPage(c, id, ...explained(error, { 'invalid-state': s.invalidState }));
      }
      return c.redirect(`/staff/comments/${id}?done=moderated`, 303);
    })
    .post('/staff/comments/:id/replies', session(MONITORS), formLimit, async (c) => {
      const id = c.req.param('id');
      const s = messagesOf(c, tools.assets);
      if (!FeedbackId.safeParse(id).success) return notFound(c);
      const body = await c.req.parseBody();
      const parsed = ReplyBody.safeParse({ departmentId: field(body, 'departmentId'), text: body.text });
      if (!parsed.success || !parsed.data.departmentId)
        return commentPage(c, id, { kind: 'error', text: s.fieldsMissing }, 400);
      try {
        await officialReply(deps, { feedbackId: id, ...parsed.data }, c.get('staff'), deps.clock());
      } catch (error) {
        return commentPage(c, id, ...replyRefusal(error, s));
      }
      return c.redirect(`/staff/comments/${id}?done=replied`, 303);
    });
}
