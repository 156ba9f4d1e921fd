import type { Child } from 'hono/jsx';
import type { Entry } from './assets.js';
import type { PageContext } from './context.js';
import { LANGS } from './i18n.js';

/** A feed a page offers to feed readers (<link rel="alternate">) and to its reader (the footer). */
export interface Feed {
  href: string;
  title: string;
}

/** A link of a page's main navigation. */
export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

interface ShellProps {
  ctx: PageContext;
  /** The whole <title>. */
  title: string;
  brand: { href: string; name: string; tagline?: string };
  nav: NavItem[];
  /** Client scripts this page is enhanced by; the page works without them. */
  scripts?: Entry[];
  /** Pages that search engines must not list (the staff pages). */
  noindex?: boolean;
  /** Atom feeds for feed readers to discover (<link rel="alternate">), the page's own first. */
  feeds?: Feed[];
  description?: string;
  /** Forms beside the language switch, in a menu on phones (the large-text switch, who is signed in and sign-out). */
  settings?: Child;
  footer?: Child;
  children?: Child;
}

/**
 * The page shell of the citizen and staff pages alike: no inline script or style anywhere (the
 * CSP forbids both), one stylesheet and the page's module scripts from /assets/, system fonts
 * only, a skip link, the language switch, the main navigation.
 */
export function PageShell({
  ctx,
  title,
  brand,
  nav,
  scripts = [],
  noindex = false,
  feeds = [],
  description,
  settings,
  footer,
  children,
}: ShellProps) {
  const { t, lang, elder, assets } = ctx;
  const css = assets.url('main.css');
  const other = LANGS.find((l) => l !== lang)!;
  return (
    <html lang={lang} class={elder ? 'elder' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {noindex && <meta name="robots" content="noindex, nofollow" />}
        <meta name="color-scheme" content="light" />
        <title>{title}</title>
        {description && <meta name="description" content={description} />}
        {/* No icon file to fetch: an empty data URL (allowed by img-src) stops the browser asking for /favicon.ico. */}
        <link rel="icon" href="data:," />
        {css && <link rel="stylesheet" href={css} />}
        {feeds.map((feed) => (
          <link rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />
        ))}
        {scripts.map((entry) => {
          const src = assets.url(entry);
          return src ? <script type="module" src={src}></script> : null;
        })}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        {ctx.sampleData && (
          <p class="sample-banner" role="note">
            {t.sampleDataBanner}
          </p>
        )}
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href={brand.href}>
              <span class="brand__name">{brand.name}</span>
              {brand.tagline && <span class="brand__tagline">{brand.tagline}</span>}
            </a>
            <div class="settings" role="group" aria-label={t.settingsLabel}>
              <form method="post" action="/settings" class="settings__form">
                <input type="hidden" name="lang" value={other} />
                <input type="hidden" name="back" value={ctx.path} />
                <button type="submit" class="settings__button" lang={other} title={t.otherLanguageLabel}>
                  {t.otherLanguage}
                </button>
              </form>
              {/* On a phone the other settings fold into a menu that opens without script; wider screens show them in line. */}
              {settings && (
                <details class="settings__menu">
                  <summary class="settings__button settings__toggle">{t.settingsMenu}</summary>
                  <div class="settings__panel">{settings}</div>
                </details>
              )}
            </div>
          </div>
          <nav class="site-nav" aria-label={t.navLabel}>
            <ul>
              {nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="main" tabindex={-1}>
          {children}
        </main>
        {footer}
      </body>
    </html>
  );
}
