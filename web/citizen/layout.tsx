import type { Child } from 'hono/jsx';
import type { Entry } from '../assets.js';
import type { PageContext } from '../context.js';
import { PageShell, type Feed } from '../shell.js';
import { API_DOCS_PAGE, openDataPage, planData, planFeed } from './links.js';
import { inPlan } from './place.js';
import { PlanNotices, PlanSwitcher } from './components/plans.js';
import { targetKind } from '../../shared/feedback/target-kinds.js';

export type Section = 'home' | 'indicators' | 'projects' | 'verdicts' | 'method' | 'mine' | null;

interface LayoutProps {
  ctx: PageContext;
  title: string;
  section: Section;
  /** Client scripts this page is enhanced by; the page works without them. */
  scripts?: Entry[];
  /** The Atom feed of what this page is about (an indicator's, a project's); every page also offers the plan's. */
  feed?: Feed;
  children?: Child;
}

/**
 * The citizen page shell: the site's name and tagline, its sections, the large-text switch, and a
 * footer that leads out of the pages to what the site also publishes: open data, the API
 * reference, the feeds (the page's own too), the method and the plan itself as data.
 */
export function Layout({ ctx, title, section, scripts = [], feed, children }: LayoutProps) {
  const { t, elder, place } = ctx;
  const feedOfPlan: Feed = { href: planFeed(place), title: t.feedTitlePlan };
  const footerLinks: Array<[string, string]> = [
    [openDataPage(place), t.footerOpenData],
    [API_DOCS_PAGE, t.footerApiDocs],
    ...(feed ? [[feed.href, t.footerPageFeed] as [string, string]] : []),
    [planFeed(place), t.footerPlanFeed],
    [inPlan(place, '/method'), t.footerMethod],
    [inPlan(place, '/evaluation'), t.evaluationNav],
    [planData(place), t.footerPlanData],
  ];
  const nav: Array<[Exclude<Section, null>, string, string]> = [
    ['home', inPlan(place, '/'), t.navHome],
    ['indicators', targetKind('indicator').listPath(place?.base), t.navIndicators],
    ['projects', targetKind('project').listPath(place?.base), t.navProjects],
    ['verdicts', inPlan(place, '/verdicts'), t.navVerdicts],
    ['method', inPlan(place, '/method'), t.navMethod],
    ['mine', '/me', t.navMine],
  ];
  return (
    <PageShell
      ctx={ctx}
      title={t.pageTitle(title)}
      description={t.siteTagline}
      brand={{ href: inPlan(place, '/'), name: t.siteName, tagline: t.siteTagline }}
      nav={nav.map(([key, href, label]) => ({ href, label, current: section === key }))}
      scripts={scripts}
      feeds={feed ? [feed, feedOfPlan] : [feedOfPlan]}
      settings={
        <>
          {place && <PlanSwitcher ctx={ctx} place={place} />}
          <form method="post" action="/settings" class="settings__form">
            <input type="hidden" name="elder" value={elder ? 'off' : 'on'} />
            <input type="hidden" name="back" value={ctx.path} />
            <button
              type="submit"
              class="settings__button"
              aria-pressed={elder ? 'true' : 'false'}
              title={t.elderModeHint}
            >
              {t.elderMode}
            </button>
          </form>
        </>
      }
      footer={
        <footer class="site-footer">
          <p>{t.footerAbout}</p>
          <nav aria-label={t.footerLinksLabel}>
            <ul class="site-footer__links">
              {footerLinks.map(([href, label]) => (
                <li>
                  <a href={href}>{label}</a>
                </li>
              ))}
            </ul>
          </nav>
        </footer>
      }
    >
      {place && <PlanNotices ctx={ctx} place={place} />}
      {children}
    </PageShell>
  );
}
