import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { StaffEnv } from '../../shared/http/staff-auth.js';
import { caseDetail, listCases, stepCase, type CaseView } from '../../shared/cases/workflow.js';
import { CaseId } from '../../shared/api/schemas.js';
import { StepBody } from '../../shared/api/staff-schemas.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { planOf, targetNames, type StaffDataDeps } from './data.js';
import { replyRefusal } from './reply-refusal.js';
import { CASE_VIEWS, CasePage, CasesPage } from './pages/index.js';
import {
  field,
  messagesOf,
  MONITORS,
  staffHome,
  type Notice,
  type StaffPageEnv,
  type StaffPageTools,
  type Status,
} from './tools.js';

/** What the 差评 case pages use. */
export type CasePagesDeps = StaffDataDeps & Pick<AppDeps, 'audit' | 'replies' | 'departments' | 'caseDeadlineDays'>;

/** A plan's 差评 cases, by view (relative path: routes.tsx mounts it under each plan). */
export function caseListRoutes(deps: CasePagesDeps, tools: StaffPageTools) {
  return new Hono<StaffPageEnv>().get('/cases', tools.session(MONITORS), async (c) => {
    const scope = c.get('planScope');
    const requested = c.req.query('view');
    const view: CaseView = CASE_VIEWS.includes(requested as CaseView) ? (requested as CaseView) : 'active';
    const cursor = c.req.query('cursor');
    const page = { limit: 50, cursor: cursor && cursor.length <= 600 ? cursor : undefined, planId: scope.plan.id };
    const [found, snapshot] = await Promise.all([
      listCases(deps, view, page, deps.clock()),
      planOf(deps, scope.plan.id),
    ]);
    const next = found.nextCursor
      ? `${staffHome(scope)}/cases?${new URLSearchParams({ view, cursor: found.nextCursor })}`
      : null;
    return tools.render(c, (ctx) => (
      <CasesPage ctx={ctx} view={view} items={found.items} names={targetNames(snapshot)} nextHref={next} />
    ));
  });
}

/** A case's page (/staff/cases/{id}), whatever its plan: its history and the next step. */
export function casePageRoutes(deps: CasePagesDeps, tools: StaffPageTools) {
  const { render, session, formLimit, notFound } = tools;
  const casePage = async (c: Context<StaffEnv>, id: string, notice: Notice, status: Status = 200) => {
    if (!CaseId.safeParse(id).success) return notFound(c);
    const [item, departments] = await Promise.all([caseDetail(deps, id, deps.clock()), deps.departments.list()]);
    // A case is named from its own plan, whichever plan's list led to it.
    const snapshot = await planOf(deps, item.planId);
    const name = targetNames(snapshot).get(`${item.targetType}:${item.targetId}`);
    return render(
      c,
      (ctx) => <CasePage ctx={ctx} item={item} name={name} departments={departments} notice={notice} />,
      status,
    );
  };

  return new Hono<StaffEnv>()
    .get('/staff/cases/:id', session(MONITORS), (c) => {
      const stepped = c.req.query('done') === 'step';
      return casePage(
        c,
        c.req.param('id'),
        stepped ? { kind: 'ok', text: messagesOf(c, tools.assets).caseStepDone } : null,
      );
    })
    .post('/staff/cases/:id/steps', session(MONITORS), formLimit, async (c) => {
      const id = c.req.param('id');
      const s = messagesOf(c, tools.assets);
      if (!CaseId.safeParse(id).success) return notFound(c);
      const body = await c.req.parseBody();
      const step = StepBody.safeParse(
        Object.fromEntries(
          ['action', 'departmentId', 'note', 'text'].flatMap((name) =>
            field(body, name) ? [[name, field(body, name)]] : [],
          ),
        ),
      );
      if (!step.success) return casePage(c, id, { kind: 'error', text: s.fieldsMissing }, 400);
      try {
        await stepCase(deps, id, step.data, c.get('staff'), deps.clock());
      } catch (error) {
        return casePage(c, id, ...replyRefusal(error, s));
      }
      return c.redirect(`/staff/cases/${id}?done=step`, 303);
    });
}
