import type { Child } from 'hono/jsx';
import type { Role } from '../../shared/auth/roles.js';
import type { StaffIdentity } from '../../shared/auth/verifier.js';
import type { PageContext } from '../context.js';
import { LANGS } from '../i18n.js';
import type { StaffMessages } from './i18n.js';

export interface StaffContext extends PageContext {
  s: StaffMessages;
  /** The signed-in staff member; null on the pages that come before (or instead of) a session. */
  staff: StaffIdentity | null;
}

export type StaffSection = 'dashboard' | 'queue' | 'cases' | 'publish' | 'audit' | null;

/** Each section and the roles that may open it; the navigation shows a staff member only theirs. */
export const SECTIONS: Array<{ key: Exclude<StaffSection, null>; href: string; roles: readonly Role[] }> = [
  { key: 'dashboard', href: '/staff', roles: ['monitor', 'publisher', 'admin'] },
  { key: 'queue', href: '/staff/queue', roles: ['monitor', 'admin'] },
  { key: 'cases', href: '/staff/cases', roles: ['monitor', 'admin'] },
  { key: 'publish', href: '/staff/publish', roles: ['publisher', 'admin'] },
  { key: 'audit', href: '/staff/audit', roles: ['admin'] },
];

const navLabel = (s: StaffMessages, key: Exclude<StaffSection, null>) =>
  ({ dashboard: s.navDashboard, queue: s.navQueue, cases: s.navCases, publish: s.navPublish, audit: s.navAudit })[key];

/**
 * The staff page shell: the citizen site's stylesheet and switches, a navigation of the sections
 * the signed-in roles open, who is signed in and a sign-out form. Never indexed, no script.
 */
export function StaffLayout({ ctx, title, section, children }: { ctx: StaffContext; title: string; section: StaffSection; children?: Child }) {
  const { t, s, lang, elder, assets, staff } = ctx;
  const css = assets.url('main.css');
  const other = LANGS.find((l) => l !== lang)!;
  const sections = staff ? SECTIONS.filter((x) => x.roles.some((r) => staff.roles.includes(r))) : [];
  return (
    <html lang={lang} class={elder ? 'elder' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="color-scheme" content="light" />
        <title>{`${title} · ${s.staffName}`}</title>
        <link rel="icon" href="data:," />
        {css && <link rel="stylesheet" href={css} />}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href="/staff">
              <span class="brand__name">{s.staffName}</span>
            </a>
            <div class="settings" role="group" aria-label={t.settingsLabel}>
              <form method="post" action="/settings" class="settings__form">
                <input type="hidden" name="lang" value={other} />
                <input type="hidden" name="back" value={ctx.path} />
                <button type="submit" class="settings__button" lang={other} title={t.otherLanguageLabel}>
                  {t.otherLanguage}
                </button>
              </form>
              {staff && (
                <form method="post" action="/auth/sign-out" class="settings__form staff-user">
                  <span>{s.signedInAs(staff.name, staff.roles.map(s.role).join(lang === 'en' ? ', ' : '、'))}</span>
                  <button type="submit" class="settings__button">
                    {s.signOut}
                  </button>
                </form>
              )}
            </div>
          </div>
          <nav class="site-nav" aria-label={t.navLabel}>
            <ul>
              {sections.map((x) => (
                <li>
                  <a href={x.href} aria-current={section === x.key ? 'page' : undefined}>
                    {navLabel(s, x.key)}
                  </a>
                </li>
              ))}
              <li>
                <a href="/">{s.navPublicSite}</a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" class="main" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
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
