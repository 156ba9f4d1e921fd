import type { Child } from 'hono/jsx';
import type { Role } from '../../shared/auth/roles.js';
import type { StaffIdentity } from '../../shared/auth/verifier.js';
import type { PageContext } from '../context.js';
import { PageShell } from '../shell.js';
import type { StaffMessages } from './i18n.js';
import { LIST_SEPARATOR, localized } from '../localized.js';

export interface StaffContext extends PageContext {
  s: StaffMessages;
  /** The signed-in staff member; null on the pages that come before (or instead of) a session. */
  staff: StaffIdentity | null;
}

export type StaffSection = 'dashboard' | 'queue' | 'cases' | 'publish' | 'plans' | 'audit' | null;

/** Each section and the roles that may open it; the navigation shows a staff member only theirs. */
export const SECTIONS: Array<{ key: Exclude<StaffSection, null>; href: string; roles: readonly Role[] }> = [
  { key: 'dashboard', href: '/staff', roles: ['monitor', 'publisher', 'admin'] },
  { key: 'queue', href: '/staff/queue', roles: ['monitor', 'admin'] },
  { key: 'cases', href: '/staff/cases', roles: ['monitor', 'admin'] },
  { key: 'publish', href: '/staff/publish', roles: ['publisher', 'admin'] },
  { key: 'plans', href: '/staff/plans', roles: ['publisher', 'admin'] },
  { key: 'audit', href: '/staff/audit', roles: ['admin'] },
];

const navLabel = (s: StaffMessages, key: Exclude<StaffSection, null>) =>
  ({
    dashboard: s.navDashboard,
    queue: s.navQueue,
    cases: s.navCases,
    publish: s.navPublish,
    plans: s.navPlans,
    audit: s.navAudit,
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
  return (
    <PageShell
      ctx={ctx}
      title={`${title} · ${s.staffName}`}
      noindex
      brand={{ href: '/staff', name: s.staffName }}
      nav={[
        ...sections.map((x) => ({ href: x.href, label: navLabel(s, x.key), current: section === x.key })),
        { href: '/', label: s.navPublicSite, current: false },
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
