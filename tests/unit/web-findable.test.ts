import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_CLIENT_ID } from '../../functions/local/dev-identity.js';
import { hostedSignIn } from '../../shared/config.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { testApp } from '../helpers/api.js';
import { testIdentity, TEST_ISSUER } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

/**
 * What the site publishes besides its pages can be found from the pages: every citizen page's
 * footer links the open data, the API reference, the feeds, the method and the plan as data, and
 * pages name their Atom feeds for feed readers. Every link is followed and must answer.
 */
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let identity: Awaited<ReturnType<typeof testIdentity>>;
const plan = readPlanFile();
const project = plan.projects[2]!;

beforeAll(async () => {
  await loadPlan(store.current, plan);
  identity = await testIdentity();
  ({ app } = testApp(store.current, {
    staffAuth: identity.verifier,
    signIn: hostedSignIn(TEST_ISSUER, DEV_CLIENT_ID),
  }));
});

const page = async (path: string, lang: 'zh-CN' | 'en' = 'zh-CN', cookie = '') => {
  const res = await app.request(path, { headers: { Cookie: `lang=${lang}${cookie ? `; ${cookie}` : ''}` } });
  return { status: res.status, html: await res.text() };
};

/** The footer's links, as [href, text]. */
const footerLinks = (html: string) => {
  const footer = /<footer class="site-footer">([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? '';
  return [...footer.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, text]) => [href!, text!] as const);
};

/** The feeds a page offers to feed readers, in order, as [href, title]. */
const feedsOf = (html: string) => {
  const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? '';
  return [
    ...head.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="([^"]+)" href="([^"]+)"\/>/g),
  ].map(([, title, href]) => [href!, title!] as const);
};

/** Every page a citizen can land on, the error page included. */
const CITIZEN_PAGES = [
  '/',
  '/indicators',
  '/indicators/gdp',
  '/projects',
  `/projects/${project.id}`,
  '/method',
  '/me',
  '/no-such-page',
];

const FOOTER = {
  'zh-CN': [
    ['/open-data', '开放数据'],
    ['/api/docs', '接口说明'],
    ['/api/v1/feeds/plan.atom', '订阅全部更新'],
    ['/method', '状态和满意率如何计算'],
    ['/api/v1/open-data/plan.json', '规划原文数据'],
  ],
  en: [
    ['/open-data', 'Open data'],
    ['/api/docs', 'API reference'],
    ['/api/v1/feeds/plan.atom', 'All updates'],
    ['/method', 'How statuses and satisfaction are computed'],
    ['/api/v1/open-data/plan.json', 'The plan as data'],
  ],
} as const;

describe('the footer of every citizen page', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`links open data, the API reference, the feeds, the method and the plan itself (${lang})`, async () => {
      for (const path of CITIZEN_PAGES) {
        const { status, html } = await page(path, lang);
        expect(status, path).toBe(path === '/no-such-page' ? 404 : 200);
        const links = footerLinks(html);
        for (const [href, text] of FOOTER[lang]) {
          expect(
            links.some(([h, t]) => h === href && t.startsWith(text)),
            `${path} (${lang}): footer link to ${href} "${text}…" in ${JSON.stringify(links)}`,
          ).toBe(true);
        }
      }
    });
  }

  it('leads to addresses that answer, each with what it says it is', async () => {
    const expected: Record<string, RegExp> = {
      '/open-data': /^text\/html/,
      '/api/docs': /^text\/html/,
      '/api/v1/feeds/plan.atom': /^application\/atom\+xml/,
      '/method': /^text\/html/,
      '/api/v1/open-data/plan.json': /^application\/json/,
      '/evaluation': /^text\/html/,
    };
    const links = footerLinks((await page('/')).html);
    expect(links.map(([href]) => href).sort()).toEqual(Object.keys(expected).sort());
    for (const [href] of links) {
      const res = await app.request(href);
      expect(res.status, href).toBe(200);
      expect(res.headers.get('content-type'), href).toMatch(expected[href]!);
    }
    const document = (await (await app.request('/api/v1/open-data/plan.json')).json()) as {
      source: { document: string; sha256: string };
    };
    // The plan as data names the document it was read from, as the link says.
    expect(document.source).toEqual(plan.source);
  });

  it('adds the feed of the item on an indicator or project page', async () => {
    expect(footerLinks((await page('/indicators/gdp')).html)).toContainEqual([
      '/api/v1/feeds/indicators/gdp.atom',
      '订阅本项更新（Atom）',
    ]);
    expect(footerLinks((await page(`/projects/${project.id}`, 'en')).html)).toContainEqual([
      `/api/v1/feeds/projects/${project.id}.atom`,
      'Updates on this item (Atom feed)',
    ]);
    expect(footerLinks((await page('/indicators')).html).map(([href]) => href)).not.toContain(
      '/api/v1/feeds/indicators/gdp.atom',
    );
  });
});

describe('feed autodiscovery', () => {
  /** The feed answers 200 as Atom and is about what the page is about. */
  const expectFeed = async (href: string, about: string) => {
    const res = await app.request(href);
    expect(res.status, href).toBe(200);
    expect(res.headers.get('content-type'), href).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml, href).toMatch(/^<\?xml[^>]*>\s*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    expect(xml, href).toContain(about);
  };

  it('offers the plan’s feed on the home page', async () => {
    const feeds = feedsOf((await page('/')).html);
    expect(feeds).toEqual([['/api/v1/feeds/plan.atom', '共评：全部指标和项目的更新']]);
    await expectFeed(feeds[0]![0], plan.titleZh);
  });

  it('offers an indicator’s own feed first on its page, then the plan’s, in the page’s language', async () => {
    const gdp = plan.indicators.find((i) => i.id === 'gdp')!;
    const zh = feedsOf((await page('/indicators/gdp')).html);
    expect(zh).toEqual([
      ['/api/v1/feeds/indicators/gdp.atom', `共评：${gdp.nameZh}的更新`],
      ['/api/v1/feeds/plan.atom', '共评：全部指标和项目的更新'],
    ]);
    await expectFeed(zh[0]![0], gdp.nameZh);
    const en = feedsOf((await page('/indicators/gdp', 'en')).html);
    expect(en[0]).toEqual(['/api/v1/feeds/indicators/gdp.atom', `Gongping: updates on ${gdp.nameEn}`]);
  });

  it('offers a project’s own feed first on its page', async () => {
    const feeds = feedsOf((await page(`/projects/${project.id}`)).html);
    expect(feeds.map(([href]) => href)).toEqual([
      `/api/v1/feeds/projects/${project.id}.atom`,
      '/api/v1/feeds/plan.atom',
    ]);
    await expectFeed(feeds[0]![0], project.titleZh);
  });

  it('offers a feed on every indicator and project page, each of which answers', async () => {
    const targets = [
      ...plan.indicators.map((i) => `/indicators/${i.id}`),
      ...plan.projects.map((p) => `/projects/${p.id}`),
    ];
    for (const path of targets) {
      const [own] = feedsOf((await page(path)).html);
      expect(own?.[0], path).toBe(`/api/v1/feeds${path}.atom`);
      const res = await app.request(own![0]);
      expect(res.status, own![0]).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    }
  });
});

describe('the staff pages', () => {
  it('keep their own shell: no citizen footer, no feeds', async () => {
    const session = `gp_staff=${await identity.token(['monitor'], { tokenUse: 'id', name: 'li.si' })}`;
    const { status, html } = await page('/staff', 'zh-CN', session);
    expect(status).toBe(200);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(footerLinks(html)).toEqual([]);
    expect(feedsOf(html)).toEqual([]);
  });
});
