import type { Child } from 'hono/jsx';
import type { Role } from '../../shared/auth/roles.js';
import type { StaffIdentity } from '../../shared/auth/verifier.js';
import type { PageContext } from '../context.js';
import { PageShell } from '../shell.js';
import type { StaffMessages } from './i18n.js';
import { LIST_SEPARATOR, localized } from '../localized.js';
import type { PlanScope } from '../../shared/http/plan-scope.js';
import { StaffPlanSwitcher } from './pages/plan-switcher.js';
import { isPublic } from '../../shared/plan/current.js';
import { publicBase } from './data.js';

export interface StaffContext extends PageContext {
  s: StaffMessages;
  /** The signed-in staff member; null on the pages that come before (or instead of) a session. */
  staff: StaffIdentity | null;
  /** The plan of a plan's page (dashboard, queue, cases, publishing) and the others, for the switcher. */
  scope: PlanScope | null;
  /** Where the plan's pages start: `/staff`, or `/staff/plans/{id}` for a plan named in the address. */
  home: string;
}

export type StaffSection = 'dashboard' | 'queue' | 'cases' | 'publish' | 'plans' | 'audit' | 'departments' | null;

/**
 * Each section, its path and the roles that may open it; the navigation shows a staff member only
 * theirs. A plan's sections (`scoped`) are under the plan's home, the others under /staff.
 */
export const SECTIONS: Array<{
  key: Exclude<StaffSection, null>;
  path: string;
  scoped: boolean;
  roles: readonly Role[];
}> = [
  { key: 'dashboard', path: '', scoped: true, roles: ['monitor', 'publisher', 'admin'] },
  { key: 'queue', path: '/queue', scoped: true, roles: ['monitor', 'admin'] },
  { key: 'cases', path: '/cases', scoped: true, roles: ['monitor', 'admin'] },
  { key: 'publish', path: '/publish', scoped: true, roles: ['publisher', 'admin'] },
  { key: 'plans', path: '/plans', scoped: false, roles: ['publisher', 'admin'] },
  { key: 'audit', path: '/audit', scoped: false, roles: ['admin'] },
  { key: 'departments', path: '/departments', scoped: false, roles: ['admin'] },
];

const sectionHref = (home: string, x: (typeof SECTIONS)[number]) => `${x.scoped ? home : '/staff'}${x.path}`;

const navLabel = (s: StaffMessages, key: Exclude<StaffSection, null>) =>
  ({
    dashboard: s.navDashboard,
    queue: s.navQueue,
    cases: s.navCases,
    publish: s.navPublish,
    plans: s.navPlans,
    audit: s.navAudit,
    departments: s.navDepartments,
  })[key];

/**
 * The staff page shell: the citizen site's shell and stylesheet, a navigation of the sections the
 * signed-in roles open, who is signed in and a sign-out form. Never indexed, no script.
 */
export function StaffLayout({
  ctx,
  title,
  section,
  children,
}: {
  ctx: StaffContext;
  title: string;
  section: StaffSection;
  children?: Child;
}) {
  const { s, lang, staff } = ctx;
  const sections = staff ? SECTIONS.filter((x) => x.roles.some((r) => staff.roles.includes(r))) : [];
  const scopedSection = SECTIONS.find((x) => x.key === section && x.scoped);
  return (
    <PageShell
      ctx={ctx}
      title={`${title} · ${s.staffName}`}
      noindex
      brand={{ href: ctx.home, name: s.staffName }}
      nav={[
        ...sections.map((x) => ({
          href: sectionHref(ctx.home, x),
          label: navLabel(s, x.key),
          current: section === x.key,
        })),
        // A plan's staff pages lead to its public pages; a draft has none yet, so to the site's home.
        {
          href: ctx.scope && isPublic(ctx.scope.plan) ? publicBase(ctx.scope.plan.id) : '/',
          label: s.navPublicSite,
          current: false,
        },
      ]}
      settings={
        staff && (
          <form method="post" action="/auth/sign-out" class="settings__form staff-user">
            <span>{s.signedInAs(staff.name, staff.roles.map(s.role).join(localized(lang, LIST_SEPARATOR)))}</span>
            <button type="submit" class="settings__button">
              {s.signOut}
            </button>
          </form>
        )
      }
    >
      {ctx.scope && scopedSection && <StaffPlanSwitcher ctx={ctx} scope={ctx.scope} path={scopedSection.path} />}
      {children}
    </PageShell>
  );
}

/** A message after a form: success or failure, announced to screen readers. */
export function Notice({ kind, children }: { kind: 'ok' | 'error'; children?: Child }) {
  return (
    <p class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
