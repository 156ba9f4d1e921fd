import type { Child } from 'hono/jsx';
import type { Entry } from './assets.js';
import type { PageContext } from './context.js';
import { LANGS } from './i18n.js';

export type Section = 'home' | 'indicators' | 'projects' | 'method' | 'mine' | null;

interface LayoutProps {
  ctx: PageContext;
  title: string;
  section: Section;
  /** Client scripts this page is enhanced by; the page works without them. */
  scripts?: Entry[];
  children?: Child;
}

/**
 * The page shell: no inline script or style anywhere (the CSP forbids both), one stylesheet and
 * the page's module scripts from /assets/, system fonts only.
 */
export function Layout({ ctx, title, section, scripts = [], children }: LayoutProps) {
  const { t, lang, elder, assets } = ctx;
  const css = assets.url('main.css');
  const other = LANGS.find((l) => l !== lang)!;
  const nav: Array<[Exclude<Section, null>, string, string]> = [
    ['home', '/', t.navHome],
    ['indicators', '/indicators', t.navIndicators],
    ['projects', '/projects', t.navProjects],
    ['method', '/method', t.navMethod],
    ['mine', '/me', t.navMine],
  ];
  return (
    <html lang={lang} class={elder ? 'elder' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{t.pageTitle(title)}</title>
        <meta name="description" content={t.siteTagline} />
        {/* No icon file to fetch: an empty data URL (allowed by img-src) stops the browser asking for /favicon.ico. */}
        <link rel="icon" href="data:," />
        {css && <link rel="stylesheet" href={css} />}
        {scripts.map((entry) => {
          const src = assets.url(entry);
          return src ? <script type="module" src={src}></script> : null;
        })}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href="/">
              <span class="brand__name">{t.siteName}</span>
              <span class="brand__tagline">{t.siteTagline}</span>
            </a>
            <div class="settings" role="group" aria-label={t.settingsLabel}>
              <form method="post" action="/settings" class="settings__form">
                <input type="hidden" name="lang" value={other} />
                <input type="hidden" name="back" value={ctx.path} />
                <button type="submit" class="settings__button" lang={other} title={t.otherLanguageLabel}>
                  {t.otherLanguage}
                </button>
              </form>
              <form method="post" action="/settings" class="settings__form">
                <input type="hidden" name="elder" value={elder ? 'off' : 'on'} />
                <input type="hidden" name="back" value={ctx.path} />
                <button type="submit" class="settings__button" aria-pressed={elder ? 'true' : 'false'} title={t.elderModeHint}>
                  {t.elderMode}
                </button>
              </form>
            </div>
          </div>
          <nav class="site-nav" aria-label={t.navLabel}>
            <ul>
              {nav.map(([key, href, label]) => (
                <li>
                  <a href={href} aria-current={section === key ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{t.footerAbout}</p>
          <p>
            <a href="/method">{t.footerMethod}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
