import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { lookUpCase } from '../../shared/cases/lookup.js';
import { receiptBook, receiptDigest } from '../../shared/cases/receipt.js';
import { lookupLimits } from '../../shared/abuse/rate-limits.js';
import { rateLimitRepository } from '../../shared/store/rate-limit-repository.js';
import { NotFoundError } from '../../shared/errors.js';
import { behindTrustedProxy, json, TEST_SECRET, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * A 差评 case's receipt (number + secret code) and /cases/lookup, on dynalite: the code is shown
 * once and on /me, only its hash is kept with the case, and it opens the case from any browser,
 * which may then follow it. Wrong codes are refused with the work of a right one, and limited.
 */
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let now = Date.parse('2025-06-16T02:00:00Z');

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  ({ app, deps } = testApp(store.current, { ...behindTrustedProxy, clock: () => new Date(now) }));
});

let addresses = 0;
/** Each test's requests from an address of their own, so the look-up limit of one does not spill into another. */
const newClient = () => ({ 'CloudFront-Viewer-Address': `198.51.100.${++addresses}:51234` });
const voterCookie = (res: Response) => /gp_voter=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

/** Files a 差评 with a comment through the API; returns the case, its receipt code and the voter. */
async function fileComplaint(targetId = 'gdp') {
  now += 1000;
  const res = await app.request(
    '/api/v1/feedback',
    json({ targetType: 'indicator', targetId, rating: 1, comment: '数据一直没有更新' }, newClient()),
  );
  expect(res.status).toBe(201);
  const body = (await res.json()) as { followUpCase: { caseId: string; receiptCode: string | null } };
  return { caseId: body.followUpCase.caseId, code: body.followUpCase.receiptCode!, voter: voterCookie(res)! };
}

const lookup = (body: unknown, headers: Record<string, string>) =>
  app.request('/api/v1/cases/lookup', json(body, headers));

describe('a case receipt', () => {
  it('comes with the case a 差评 opens, once, and the store keeps only its salted hash', async () => {
    const { caseId, code } = await fileComplaint();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const items = await store.scanAll();
    const kept = items.find((item) => item.PK === `CASE#${caseId}`)!;
    expect(kept.receipt).toEqual({ salt: expect.any(String), hash: expect.any(String) });
    const everything = JSON.stringify(items);
    expect(everything).not.toContain(code.replace('-', ''));
    expect(everything).not.toContain(code);
  });

  it('is shown again on /me of the browser that filed it, with its copy and print buttons left to the script', async () => {
    const { caseId, code, voter } = await fileComplaint('pm25-concentration');
    const html = await (await app.request('/me', { headers: { Cookie: `gp_voter=${voter}` } })).text();
    expect(html).toContain(`<code class="receipt__code">${code}</code>`);
    expect(html).toContain(`<code class="receipt__case">${caseId}</code>`);
    expect(html).toMatch(/<p class="receipt__actions" hidden="">/);
    expect(html).toContain('/cases/lookup');
  });

  it('keeps working after the case changes', async () => {
    const { caseId, code } = await fileComplaint('forest-coverage');
    await deps.cases.update(caseId, (c) => ({ ...c, department: '鲤城区统计局', version: c.version + 1 }));
    const res = await lookup({ caseId, code }, newClient());
    expect(res.status).toBe(200);
  });
});

describe('looking a case up by its receipt', () => {
  it('opens the case from another browser with the right code, however it is typed', async () => {
    const { caseId, code } = await fileComplaint('gdp');
    const res = await lookup({ caseId, code: ` ${code.toLowerCase().replace('-', ' ')} ` }, newClient());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = (await res.json()) as { case: { caseId: string; status: string }; attached: boolean };
    expect(body).toMatchObject({ case: { caseId, status: 'open' }, attached: false });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a wrong code exactly as it refuses a case that does not exist', async () => {
    const { caseId, code } = await fileComplaint('gdp');
    const client = newClient();
    const wrong = await lookup({ caseId, code: code.startsWith('0') ? '11111-11111' : '00000-00000' }, client);
    const missing = await lookup({ caseId: caseId.replace(/.{4}$/, '0000'), code }, client);
    expect(wrong.status).toBe(404);
    expect(missing.status).toBe(404);
    const [a, b] = [(await wrong.json()) as Record<string, unknown>, (await missing.json()) as Record<string, unknown>];
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(a.type).toBe(b.type);
    expect(a.title).toBe(b.title);
  });

  it('does the same hash work whether the case exists or not, and whether the code is well formed or not', async () => {
    const { caseId } = await fileComplaint('gdp');
    let digests = 0;
    const counting = {
      ...deps,
      receipts: receiptBook(TEST_SECRET, (salt, code) => (digests++, receiptDigest(salt, code))),
    };
    const client = { addressHash: 'hash-work', voterId: null };
    const attempts = [
      { caseId, code: '00000-00000' },
      { caseId: caseId.replace(/.{4}$/, '0000'), code: '00000-00000' },
      { caseId, code: 'not a code at all' },
    ];
    for (const attempt of attempts) {
      const before = digests;
      await expect(lookUpCase(counting, attempt, client, () => 'never-asked')).rejects.toBeInstanceOf(NotFoundError);
      expect(digests - before).toBe(1);
    }
  });

  it('counts every attempt per client and refuses the eleventh in the window with 429', async () => {
    const { caseId, code } = await fileComplaint('gdp');
    const client = newClient();
    for (let i = 0; i < 10; i++) expect((await lookup({ caseId, code: '00000-00000' }, client)).status).toBe(404);
    const refused = await lookup({ caseId, code }, client);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is not held back by this one.
    expect((await lookup({ caseId, code }, newClient())).status).toBe(200);
  });

  it('limits by a counter of its own: a look-up is not a rating', async () => {
    const limits = lookupLimits(rateLimitRepository(store.current), {
      windowSeconds: 60,
      perClient: 2,
      feedPerClient: 2,
    });
    const client = { addressHash: 'own-counter', voterId: null };
    await limits.check(client, new Date(now));
    await limits.check(client, new Date(now));
    await expect(limits.check(client, new Date(now))).rejects.toMatchObject({ limit: 'address' });
  });

  it('attaches the case to a fresh browser, which then follows it in /me/cases and on /me, receipt included', async () => {
    const { caseId, code } = await fileComplaint('pm25-concentration');
    const res = await lookup({ caseId, code, attach: true }, newClient());
    expect(res.status).toBe(200);
    expect(((await res.json()) as { attached: boolean }).attached).toBe(true);
    const phone = voterCookie(res)!;
    expect(phone).toBeTruthy();
    const mine = await app.request('/api/v1/me/cases', { headers: { Cookie: `gp_voter=${phone}` } });
    const items = ((await mine.json()) as { items: Array<{ caseId: string }> }).items;
    expect(items.map((item) => item.caseId)).toEqual([caseId]);
    const html = await (await app.request('/me', { headers: { Cookie: `gp_voter=${phone}` } })).text();
    expect(html).toContain(`<code class="receipt__code">${code}</code>`);
  });

  it('refuses a body that is not a case number and a code, 400', async () => {
    expect((await lookup({ caseId: 'case-1', code: '00000-00000' }, newClient())).status).toBe(400);
    expect((await lookup({ caseId: 'x' }, newClient())).status).toBe(400);
  });
});

describe('the look-up page, without JavaScript', () => {
  const postForm = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request('/cases/lookup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  it('shows a form of case number and code, in both languages, never cached', async () => {
    const res = await app.request('/cases/lookup');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/cases/lookup"');
    expect(html).toContain('name="caseId"');
    expect(html).toContain('查询码');
    const english = await (await app.request('/cases/lookup', { headers: { 'Accept-Language': 'en' } })).text();
    expect(english).toContain('Look up a case');
  });

  it('says a wrong code is not found, keeps the case number typed and never repeats the code', async () => {
    const { caseId } = await fileComplaint('retail-sales');
    const res = await postForm({ caseId, code: 'ZZZZZ-ZZZZZ', attach: 'yes' }, newClient());
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('没有找到');
    expect(html).toContain(`value="${caseId}"`);
    expect(html).not.toContain('ZZZZZ');
    expect(res.headers.get('set-cookie') ?? '').not.toContain('gp_voter=');
  });

  it('follows the case on this browser and goes on to it on /me', async () => {
    const { caseId, code } = await fileComplaint('retail-sales');
    const res = await postForm({ caseId, code, attach: 'yes' }, newClient());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/me#case-${caseId}`);
    const phone = voterCookie(res)!;
    const html = await (await app.request('/me', { headers: { Cookie: `gp_voter=${phone}` } })).text();
    expect(html).toContain(`id="case-${caseId}"`);
    // Only the voter whose rating opened the case rates its reply; a follower reads it.
    expect(html).not.toContain(`action="/me/cases/${caseId}/satisfaction"`);
  });

  it('shows the case on the page when it is only looked at', async () => {
    const { caseId, code } = await fileComplaint('tourist-visits');
    const res = await postForm({ caseId, code }, newClient());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`id="case-${caseId}"`);
    expect(html).toContain(`<code class="receipt__code">${code}</code>`);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('gp_voter=');
  });

  it('refuses a post from another site', async () => {
    const res = await postForm(
      { caseId: 'x', code: 'y' },
      { Origin: 'https://elsewhere.example', 'Sec-Fetch-Site': 'cross-site' },
    );
    expect(res.status).toBe(403);
  });
});

describe('the confirmation of a 差评 filed without JavaScript', () => {
  it('shows the receipt once the form comes back', async () => {
    const res = await app.request('/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', ...newClient() },
      body: new URLSearchParams({
        issued: deps.formStamps.issue(new Date(now - 60_000)),
        targetType: 'indicator',
        targetId: 'export-value',
        rating: '2',
        comment: '出口数据没有按季度公布',
      }).toString(),
    });
    expect(res.status).toBe(303);
    const voter = voterCookie(res)!;
    const page = await app.request(res.headers.get('location')!, { headers: { Cookie: `gp_voter=${voter}` } });
    const html = await page.text();
    expect(html).toMatch(/<code class="receipt__code">[0-9A-Z]{5}-[0-9A-Z]{5}<\/code>/);
  });
});
