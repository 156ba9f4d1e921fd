import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import { DepartmentChangeBody, NewDepartmentBody } from '../../shared/api/department-schemas.js';
import { DepartmentClashError, DepartmentId } from '../../shared/departments/department.js';
import { addDepartmentBy, changeDepartmentBy, importDepartmentsBy } from '../../shared/departments/manage.js';
import type { StaffEnv } from '../../shared/http/staff-auth.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { statusOf } from '../../shared/http/problem.js';
import type { CsvProblem } from '../../shared/publishing/csv.js';
import { ImportRejected } from '../../shared/publishing/publish.js';
import { DepartmentsPage } from './pages/departments.js';
import { MAX_IMPORT_FORM_BYTES } from './publish-routes.js';
import { ADMINS, field, messagesOf, type Notice, type StaffPageTools, type Status } from './tools.js';

/** What the departments page uses. */
export type DepartmentPagesDeps = Pick<AppDeps, 'departments' | 'audit' | 'clock'>;

/** Aliases as typed in one field, separated by semicolons (half- or full-width). */
const aliasesOf = (typed: string | undefined) =>
  (typed ?? '')
    .split(/[;；]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');

/** The names a form gives: only what was filled in. */
const namesOf = (body: Record<string, unknown>) => ({
  ...(field(body, 'nameZh') ? { nameZh: field(body, 'nameZh') } : {}),
  ...(field(body, 'nameEn') ? { nameEn: field(body, 'nameEn') } : {}),
  ...('aliases' in body ? { aliases: aliasesOf(field(body, 'aliases')) } : {}),
});

/**
 * The managed departments (/staff/departments), for administrators: the list, a department added,
 * renamed or (de)activated, a CSV imported, each through the shared function the JSON admin route calls.
 */
export function departmentPageRoutes(deps: DepartmentPagesDeps, tools: StaffPageTools) {
  const { render, session, formLimit } = tools;
  const page = async (c: Context<StaffEnv>, notice: Notice, status: Status = 200, problems: CsvProblem[] = []) => {
    const departments = await deps.departments.list();
    return render(
      c,
      (ctx) => <DepartmentsPage ctx={ctx} departments={departments} notice={notice} problems={problems} />,
      status,
    );
  };
  /** A change refused for a name another department answers to: said on the page, nothing written. */
  const refused = (c: Context<StaffEnv>, error: unknown) => {
    if (!(error instanceof DepartmentClashError)) throw error;
    return page(c, { kind: 'error', text: messagesOf(c, tools.assets).deptClash(error.message) }, statusOf(error));
  };
  const done = (c: Context, what: 'added' | 'changed') => c.redirect(`/staff/departments?done=${what}`, 303);

  return new Hono<StaffEnv>()
    .get('/staff/departments', session(ADMINS), (c) => {
      const s = messagesOf(c, tools.assets);
      const done = c.req.query('done');
      const text = done === 'added' ? s.deptAdded : done === 'changed' ? s.deptChanged : null;
      return page(c, text ? { kind: 'ok', text } : null);
    })
    .post('/staff/departments', session(ADMINS), formLimit, async (c) => {
      const body = await c.req.parseBody();
      const parsed = NewDepartmentBody.safeParse({ id: field(body, 'id'), ...namesOf(body) });
      if (!parsed.success) return page(c, { kind: 'error', text: messagesOf(c, tools.assets).deptFieldsMissing }, 400);
      try {
        await addDepartmentBy(deps, parsed.data, c.get('staff'), deps.clock());
      } catch (error) {
        return refused(c, error);
      }
      return done(c, 'added');
    })
    .post(
      '/staff/departments/import',
      session(ADMINS),
      bodyLimit({ maxSize: MAX_IMPORT_FORM_BYTES, onError: tools.tooLarge((s) => s.importTooLarge) }),
      async (c) => {
        const s = messagesOf(c, tools.assets);
        const file = (await c.req.parseBody()).file;
        let text: string;
        try {
          if (!(file instanceof File) || file.size === 0) throw new Error('no file');
          text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
        } catch {
          return page(c, { kind: 'error', text: s.importNoFile }, 400);
        }
        try {
          const summary = await importDepartmentsBy(deps, text, false, c.get('staff'), deps.clock());
          return page(c, { kind: 'ok', text: s.deptImported(summary.added, summary.changed) });
        } catch (error) {
          if (error instanceof ImportRejected) return page(c, null, statusOf(error), error.problems);
          throw error;
        }
      },
    )
    .post('/staff/departments/:id', session(ADMINS), formLimit, async (c) => {
      const id = c.req.param('id');
      if (!DepartmentId.safeParse(id).success) return tools.notFound(c);
      const body = await c.req.parseBody();
      const active = field(body, 'active');
      const parsed = DepartmentChangeBody.safeParse(
        active === undefined ? namesOf(body) : { active: active === 'true' },
      );
      if (!parsed.success) return page(c, { kind: 'error', text: messagesOf(c, tools.assets).deptFieldsMissing }, 400);
      try {
        await changeDepartmentBy(deps, id, parsed.data, c.get('staff'), deps.clock());
      } catch (error) {
        return refused(c, error);
      }
      return done(c, 'changed');
    });
}
