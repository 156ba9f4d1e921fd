import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import type { Plan } from '../../shared/plan/document.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { json, testApp } from '../helpers/api.js';
import { testIdentity } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

/**
 * Output encoding of the citizen pages. XSS payloads go in the way an attacker would put them:
 * as comments (POST /api/v1/feedback, then published by a monitor through the moderation API), as
 * official replies and department names (the monitor's reply route), and as plan names and units
 * (a plan variant), which also reach the JSON data blocks the charts read. Every public page that
 * shows them must carry them as inert text only: the same elements and scripts as a page without
 * them, no handler or javascript: URL, each comment's text read back exactly, and every
 * `<script type="application/json">` block whole and unbreakable.
 */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '</textarea><script>alert(1)</script>',
  '<svg/onload=alert(1)>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '${alert(1)}',
  '`${alert(document.cookie)}`',
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62; &amp; &quot;',
  '<div style="width: expression(alert(1))">x</div>',
  '</script><script>alert(1)</script>',
  '<!--<script>alert(1)</script>-->',
  '<a href="javascript:alert(1)">点我</a>',
  '<body onload=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:text/html,<script>alert(1)</script>">',
  '<base href="//evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href=//evil.example/x.css>',
  '<style>*{background:url(javascript:alert(1))}</style>',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<ScRiPt>alert(1)</sCrIpT>',
  '%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  'line\u2028separator\u2029</script>',
  "{{constructor.constructor('alert(1)')()}}",
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  ']]><script>alert(1)</script><![CDATA[',
  '好评<script>alert("共评")</script>差评',
  '<textarea><script>alert(1)</script></textarea>',
];

const NAME_PAYLOAD_ZH = 'GDP</script><script>alert(1)</script><!--';
const NAME_PAYLOAD_EN = '"><img src=x onerror=alert(1)><!--<script>';
const UNIT_PAYLOAD = '</SCRIPT><svg onload=alert(1)>';
const UNIT_INDICATOR = 'forest-coverage';

/** The plan with payloads in names and units that reach headings, lists, titles and the chart data. */
function hostilePlan(plan: Plan): Plan {
  const copy = structuredClone(plan);
  const gdp = copy.indicators.find((i) => i.id === 'gdp')!;
  Object.assign(gdp, { nameZh: NAME_PAYLOAD_ZH, nameEn: NAME_PAYLOAD_EN });
  // A unit reaches the chart data too (on another indicator: gdp's history must keep its unit to be plotted).
  Object.assign(
    copy.indicators.find((i) => i.id === UNIT_INDICATOR)!,
    { unit: UNIT_PAYLOAD, unitEn: UNIT_PAYLOAD },
  );
  for (const row of copy.history) if (gdp.history.includes(row.id)) row.nameZh = `${NAME_PAYLOAD_ZH}${row.nameZh}`;
  const project = copy.projects[0]! as Record<string, unknown>;
  for (const key of ['nameZh', 'nameEn', 'name'])
    if (typeof project[key] === 'string') project[key] = `<iframe srcdoc="<script>alert(1)</script>">${key}`;
  return copy;
}

const hostile = useStore();
const clean = useStore();
const plan = readPlanFile();
const PROJECT = plan.projects[0]!.id;
let now = Date.parse('2026-06-15T04:00:00Z');
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let cleanApp: ReturnType<typeof testApp>['app'];
let monitor: Record<string, string>;
let distDir = '';
/** Every text that must come back literally: comments, replies, departments. */
const published = new Set<string>();
let ownVoter = '';

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'gongping-web-xss-'));
  await buildWeb({ distDir });
  process.env.WEB_DIST_DIR = distDir;
  await loadPlan(hostile.current, hostilePlan(plan));
  await loadPlan(clean.current, plan);
  const identity = await testIdentity();
  ({ app, deps } = testApp(hostile.current, {
    staffAuth: identity.verifier,
    clock: () => new Date(now),
    minRatings: 1,
  }));
  ({ app: cleanApp } = testApp(clean.current, { clock: () => new Date(now), minRatings: 1 }));
  monitor = await identity.bearer(['monitor'], { name: 'mod', sub: 'sub-mod' });

  // Each payload as a comment (each from its own voter), half on the indicator, half on the project.
  for (const [index, payload] of PAYLOADS.entries()) {
    const target =
      index % 2 === 0 ? { targetType: 'indicator', targetId: 'gdp' } : { targetType: 'project', targetId: PROJECT };
    const voter = deps.voterTokens.issue().token;
    if (index === 4) ownVoter = voter;
    const res = await app.request(
      '/api/v1/feedback',
      json({ ...target, rating: (index % 5) + 1, comment: payload }, { 'X-Voter-Token': voter }),
    );
    expect(res.status, payload).toBe(201);
    const { feedbackId } = (await res.json()) as { feedbackId: string };
    now += 1000;
    const moderated = await app.request(
      `/api/v1/monitor/comments/${feedbackId}/moderation`,
      json({ action: 'publish' }, monitor),
    );
    expect(moderated.status, payload).toBe(200);
    // An official reply to every third comment: another payload as its text, a third as the department.
    if (index % 3 === 0) {
      const department = PAYLOADS[(index + 7) % PAYLOADS.length]!.slice(0, 100);
      const text = PAYLOADS[(index + 13) % PAYLOADS.length]!;
      const reply = await app.request(
        `/api/v1/monitor/comments/${feedbackId}/replies`,
        json({ department, text }, monitor),
      );
      expect(reply.status, text).toBe(201);
      const body = (await reply.json()) as { reply: { department: string; text: string } };
      published.add(body.reply.department).add(body.reply.text);
    }
    now += 1000;
  }
  // What the public API says was published (masking may change text): the pages must show exactly that.
  for (const path of ['/api/v1/indicators/gdp/comments', `/api/v1/projects/${PROJECT}/comments`]) {
    let cursor: string | null = null;
    do {
      const page = (await (
        await app.request(`${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json()) as {
        items: Array<{ comment: string }>;
        nextCursor: string | null;
      };
      for (const item of page.items) published.add(item.comment);
      cursor = page.nextCursor;
    } while (cursor);
  }
  // Summaries, so the home page and the lists show the rated targets (with their names) too.
  // The page without payloads: the same targets rated (so it shows the same charts), nothing hostile.
  for (const target of [
    { targetType: 'indicator', targetId: 'gdp' },
    { targetType: 'project', targetId: PROJECT },
  ]) {
    const res = await cleanApp.request(
      '/api/v1/feedback',
      json({ ...target, rating: 3 }, { 'X-Voter-Token': deps.voterTokens.issue().token }),
    );
    expect(res.status).toBe(201);
  }
  now += 600_000;
  for (const store of [hostile, clean])
    await aggregationJob(store.current, { minRatings: 1, settleSeconds: 0, maxBatch: 1000 })();
}, 120_000);

afterAll(async () => {
  delete process.env.WEB_DIST_DIR;
  await rm(distDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// A small tokenizer, as a browser's: tags with quoted attributes, raw text in script, RCDATA in
// textarea and title. Text never holds a `<` followed by a letter once it is escaped, so every
// start tag found is a real element.

interface Tag {
  name: string;
  attributes: Array<[string, string]>;
  /** The raw content of a script, textarea or title element. */
  raw?: string;
}

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'xmp', 'iframe', 'noembed', 'noframes']);

function tokenize(html: string): Tag[] {
  const tags: Tag[] = [];
  const tagRe =
    /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\/?([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/)*)\s*>/g;
  let match: RegExpExecArray | null;
  while ((match = tagRe.exec(html))) {
    const [whole, rawName, attributeText = ''] = match;
    if (!rawName || whole.startsWith('</')) continue;
    const name = rawName.toLowerCase();
    const attributes = [...attributeText.matchAll(ATTRIBUTE)].map(
      ([, key, a, b, c]) => [key!.toLowerCase(), decode(a ?? b ?? c ?? '')] as [string, string],
    );
    const tag: Tag = { name, attributes };
    if (RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, tagRe.lastIndex);
      tag.raw = html.slice(tagRe.lastIndex, end === -1 ? html.length : end);
      tagRe.lastIndex = end === -1 ? html.length : end;
    }
    tags.push(tag);
  }
  return tags;
}

const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'xlink:href',
  'srcdoc',
  'poster',
  'background',
]);

/** Everything a page must never contain, whatever data it shows. */
function expectInert(html: string, label: string) {
  const tags = tokenize(html);
  for (const tag of tags) {
    expect(
      [
        'iframe',
        // The server draws its charts as inline SVG (verdict trends); what SVG could smuggle in stays forbidden.
        'foreignobject',
        'use',
        'animate',
        'set',
        'img',
        'object',
        'embed',
        'style',
        'math',
        'base',
        'frame',
        'frameset',
        'video',
        'audio',
        'source',
        'noscript',
        'body2',
      ],
      `${label}: <${tag.name}>`,
    ).not.toContain(tag.name);
    for (const [key, value] of tag.attributes) {
      expect(key.startsWith('on'), `${label}: <${tag.name} ${key}=…>`).toBe(false);
      expect(
        ['style', 'srcdoc', 'autofocus', 'http-equiv', 'xlink:href', 'formaction'],
        `${label}: <${tag.name} ${key}>`,
      ).not.toContain(key);
      // The one data: URL of the site's own: the empty favicon `<link rel="icon" href="data:,">`.
      if (URL_ATTRIBUTES.has(key) && !(tag.name === 'link' && value === 'data:,'))
        // eslint-disable-next-line no-control-regex -- a browser ignores control characters in a URL's scheme
        expect(value.replace(/[\s\u0000-\u001f]/g, ''), `${label}: <${tag.name} ${key}="${value}">`).not.toMatch(
          /^(javascript|data|vbscript):/i,
        );
    }
    // The site's own only: the stylesheet, the empty favicon, and the Atom feeds offered to feed readers.
    if (tag.name === 'link')
      expect(tag.attributes.find(([k]) => k === 'href')?.[1], label).toMatch(
        /^(\/assets\/|data:,$|\/api\/v1\/feeds\/(plan|(indicators|projects)\/[\w%.-]+)\.atom$)/,
      );
    if (tag.name === 'meta')
      expect(
        tag.attributes
          .map(([k]) => k)
          .sort()
          .join(),
        label,
      ).toMatch(/^(charset|content,name)$/);
    if (tag.name === 'script') {
      const type = tag.attributes.find(([k]) => k === 'type')?.[1];
      const src = tag.attributes.find(([k]) => k === 'src')?.[1];
      if (type === 'application/json') {
        // A data block: no `<` at all (so no `</script>`, no `<!--`), and it parses whole.
        expect(tag.raw, `${label}: JSON block`).not.toMatch(/</);
        expect(() => JSON.parse(tag.raw!), `${label}: JSON block parses`).not.toThrow();
      } else {
        expect(type, label).toBe('module');
        expect(src, label).toMatch(/^\/assets\/[\w.-]+\.js$/);
        expect(tag.raw, label).toBe('');
      }
    }
  }
  // Script tags open and close in pairs: nothing opened one the tokenizer did not see.
  expect((html.match(/<script\b/gi) ?? []).length, label).toBe(tags.filter((t) => t.name === 'script').length);
  expect((html.match(/<\/script\s*>/gi) ?? []).length, label).toBe(tags.filter((t) => t.name === 'script').length);
  expect(
    tags.filter((t) => t.name === 'html' || t.name === 'body' || t.name === 'head').map((t) => t.name),
    label,
  ).toEqual(['html', 'head', 'body']);
  return tags;
}

const scriptsOf = (tags: Tag[]) =>
  tags
    .filter((t) => t.name === 'script')
    .map((t) => t.attributes.map(([k, v]) => `${k}=${k === 'src' ? v.replace(/\.[A-Z0-9]+\.js$/, '') : v}`).join(' '));

/** The text of each `<p class="comment__text">` (comments and replies), as a reader sees it. */
const commentTexts = (html: string) =>
  [...html.matchAll(/<p class="comment__text">([^<]*)<\/p>/g)].map(([, text]) => decode(text!));

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  expect(res.status, path).toBe(200);
  return res.text();
}

/** A page and every older page of its comments. */
async function withOlderComments(path: string) {
  const pages = [await page(path)];
  for (
    let more = /href="([^"]*\?comments=[^"#]*)#comments"/.exec(pages.at(-1)!);
    more;
    more = /href="([^"]*\?comments=[^"#]*)#comments"/.exec(pages.at(-1)!)
  ) {
    pages.push(await page(decode(more[1]!)));
  }
  return pages;
}

describe('payloads on the public pages stay inert text', () => {
  it('has a corpus of at least 30 payloads, all accepted and published', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
    expect(published.size).toBeGreaterThanOrEqual(PAYLOADS.length);
  });

  it('shows every comment, reply and department exactly as typed, in both languages, with the same scripts as a page without them', async () => {
    const seen = new Set<string>();
    for (const path of ['/indicators/gdp', `/projects/${PROJECT}`]) {
      for (const cookie of ['', 'lang=en']) {
        const pages = await withOlderComments(cookie ? `${path}` : path);
        const html = cookie ? [await page(path, { Cookie: cookie })] : pages;
        for (const [n, one] of html.entries()) {
          const tags = expectInert(one, `${path} ${cookie} page ${n}`);
          const cleanTags = tokenize(
            await (await cleanApp.request(path, { headers: cookie ? { Cookie: cookie } : {} })).text(),
          );
          expect(scriptsOf(tags), path).toEqual(scriptsOf(cleanTags));
          // Only the elements of comments and replies are new on the page.
          const cleanNames = new Set(cleanTags.map((t) => t.name));
          const extra = new Set(tags.map((t) => t.name).filter((name) => !cleanNames.has(name)));
          for (const name of extra)
            expect(['ol', 'li', 'article', 'time', 'strong', 'span', 'div', 'p', 'a'], `${path}: <${name}>`).toContain(
              name,
            );
          for (const text of commentTexts(one)) seen.add(text);
          for (const match of one.matchAll(/<strong>[^<]*<\/strong> · ([^<]*)<time/g))
            seen.add(decode(match[1]!).trim());
        }
      }
    }
    // Each comment and reply text read back from the page is exactly what was published.
    for (const text of published) expect(seen, text).toContain(text);
    // And the entities typed by a citizen stay literal, escaped once more.
    const all =
      (await withOlderComments('/indicators/gdp')).join('') +
      (await withOlderComments(`/projects/${PROJECT}`)).join('');
    expect(all).toContain('&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;');
    expect(all).toContain('\\u003cscript\\u003ealert(1)');
    // The only SVG a page may hold is its own chart (class verdict-…), never one a payload opened.
    const hit = /<script>|<img\b|<svg(?! class="verdict-)|<iframe|<object|<embed|<math|<style|<base\b/i.exec(all);
    expect(hit && JSON.stringify(all.slice(hit.index - 120, hit.index + 60)), 'raw markup').toBe(null);
  });

  it('keeps plan names and units with payloads inert on every page, and the chart data blocks unbreakable', async () => {
    for (const path of [
      '/',
      '/indicators',
      '/indicators?q=GDP',
      '/indicators/gdp',
      `/indicators/${UNIT_INDICATOR}`,
      '/projects',
      `/projects/${PROJECT}`,
      '/method',
    ]) {
      for (const cookie of ['', 'lang=en', 'elder=on']) {
        const html = await page(path, cookie ? { Cookie: cookie } : {});
        const tags = expectInert(html, `${path} ${cookie}`);
        const cleanTags = tokenize(
          await (await cleanApp.request(path, { headers: cookie ? { Cookie: cookie } : {} })).text(),
        );
        expect(scriptsOf(tags), `${path} ${cookie}`).toEqual(scriptsOf(cleanTags));
      }
    }
    // The chart data carries the names and units, escaped for the block and intact once parsed.
    const chartOf = (html: string) =>
      tokenize(html).find(
        (t) => t.name === 'script' && t.attributes.some(([k, v]) => k === 'id' && v === 'indicator-chart-data'),
      )!.raw!;
    const html = await page('/indicators/gdp');
    const gdpChart = chartOf(html);
    expect(gdpChart).toContain('\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u003c!--');
    expect(
      (JSON.parse(gdpChart) as { series: Array<{ label: string }> }).series.some((s) =>
        s.label.includes(NAME_PAYLOAD_ZH),
      ),
    ).toBe(true);
    const unitChart = chartOf(await page(`/indicators/${UNIT_INDICATOR}`));
    expect(unitChart).toContain('\\u003c/SCRIPT>\\u003csvg');
    expect((JSON.parse(unitChart) as { unit: string }).unit).toBe(UNIT_PAYLOAD);
    // The title and heading show the name as text.
    expect(tokenize(html).find((t) => t.name === 'title')!.raw).toContain(
      'GDP&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--',
    );
    expect(html).toContain('<h1>GDP&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--</h1>');
  });

  it('keeps a search query with a payload inert in the filter form', async () => {
    for (const q of PAYLOADS.slice(0, 12)) {
      for (const path of ['/indicators', '/projects']) {
        const html = await page(`${path}?q=${encodeURIComponent(q)}`);
        expectInert(html, `${path}?q=${q}`);
        const input = tokenize(html).find(
          (t) => t.name === 'input' && t.attributes.some(([k, v]) => k === 'name' && v === 'q'),
        );
        if (input) expect(input.attributes.find(([k]) => k === 'value')?.[1] ?? q.trim(), q).toBe(q.trim());
      }
    }
  });

  it("shows the voter their own comment, and a form that comes back, with the payload as the textarea's text only", async () => {
    const own = await page('/indicators/gdp', { Cookie: `gp_voter=${ownVoter}` });
    expectInert(own, 'own comment');
    expect(own).toContain(
      '<blockquote class="comment__text">&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</blockquote>',
    );

    for (const payload of PAYLOADS) {
      const res = await app.request('/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
        body: new URLSearchParams({
          targetType: 'indicator',
          targetId: 'gdp',
          comment: payload,
          issued: deps.formStamps.issue(new Date(now - 60_000)),
        }).toString(),
      });
      expect(res.status, payload).toBe(400); // no level chosen: the form comes back with what was typed
      const html = await res.text();
      const tags = expectInert(html, `form with ${payload}`);
      const textarea = tags.find((t) => t.name === 'textarea')!;
      expect(decode(textarea.raw!), payload).toBe(payload);
      expect(textarea.raw).not.toMatch(/<\/textarea/i);
    }
  });
});
