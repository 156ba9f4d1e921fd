import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.mjs';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import type { Plan } from '../../shared/plan/document.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { json, testApp } from '../helpers/api.js';
import { testIdentity } from '../helpers/staff.js';
import { commentTexts, decode, expectInert, scriptsOf, tokenize } from '../helpers/inert-html.js';
import { useStore } from '../helpers/store.js';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js';

/**
 * Output encoding of the citizen pages. XSS payloads go in the way an attacker would put them:
 * as comments (POST /api/v1/feedback, then published by a monitor through the moderation API), as
 * official replies and department names (the monitor's reply route), and as plan names and units
 * (a plan variant), which also reach the JSON data blocks the charts read. Every public page that
 * shows them must carry them as inert text only: the same elements and scripts as a page without
 * them, no handler or javascript: URL, each comment's text read back exactly, and every
 * `<script type="application/json">` block whole and unbreakable.
 */

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
  for (const [index, payload] of XSS_PAYLOADS.entries()) {
    const target =
      index % 2 === 0 ? { targetType: 'indicator', targetId: 'gdp' } : { targetType: 'project', targetId: PROJECT };
    const voter = deps.voterTokens.issue().token;
    if (index === 4) ownVoter = voter;
    const rating = (index % 5) + 1;
    const res = await app.request(
      '/api/v1/feedback',
      json({ ...target, rating, comment: payload }, { 'X-Voter-Token': voter }),
    );
    expect(res.status, payload).toBe(201);
    const { feedbackId } = (await res.json()) as { feedbackId: string };
    now += 1000;
    const moderated = await app.request(
      `/api/v1/monitor/comments/${feedbackId}/moderation`,
      json({ action: 'publish' }, monitor),
    );
    expect(moderated.status, payload).toBe(200);
    // An official reply to every third comment that opened no 差评 case (a case's comment is answered
    // through the case, once verified): another payload as its text, a third as the department.
    if (index % 3 === 0 && rating >= 3) {
      const department = XSS_PAYLOADS[(index + 7) % XSS_PAYLOADS.length]!.slice(0, 100);
      const text = XSS_PAYLOADS[(index + 13) % XSS_PAYLOADS.length]!;
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
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(30);
    expect(published.size).toBeGreaterThanOrEqual(XSS_PAYLOADS.length);
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
    for (const q of XSS_PAYLOADS.slice(0, 12)) {
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

    for (const payload of XSS_PAYLOADS) {
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
