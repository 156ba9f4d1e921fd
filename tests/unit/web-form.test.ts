import { describe, expect, it } from 'vitest';
import { useCitizenPages, voterCookie } from '../helpers/web-pages.js';

/** Rating and commenting with the plain form of the citizen pages, as a browser without JavaScript posts it. */
const env = useCitizenPages();
const { get, form, plan } = env;

describe('rating and commenting with the plain form', () => {
  it('re-renders the form with messages, what was typed, and no cookie when a level is missing', async () => {
    const res = await env.app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'gdp', comment: '请公布2024年的数据' }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('请选择一个满意度等级。');
    expect(html).toContain('>请公布2024年的数据</textarea>');
    expect(html).toContain('role="alert"');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses a comment over 2,000 characters with a message, never a 500', async () => {
    const res = await env.app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'gdp', rating: '3', comment: '长'.repeat(2001) }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('留言最多 2000 字。');
    expect(
      (await env.app.request('/feedback', form({ targetType: 'indicator', targetId: 'no-such', rating: '3' }))).status,
    ).toBe(404);
    expect(
      (await env.app.request('/feedback', form({ targetType: 'thing', targetId: 'gdp', rating: '3' }))).status,
    ).toBe(404);
    expect(
      (await env.app.request('/feedback', form({ targetType: 'indicator', targetId: 'gdp', rating: '9' }))).status,
    ).toBe(400);
    expect(
      (
        await env.app.request(
          '/feedback',
          form({ targetType: 'indicator', targetId: 'gdp', rating: '3', comment: 'x'.repeat(70_000) }),
        )
      ).status,
    ).toBe(413);
    expect(
      (
        await env.app.request(
          '/feedback',
          form({ targetType: 'indicator', targetId: 'gdp', rating: '3' }, { 'Sec-Fetch-Site': 'cross-site' }),
        )
      ).status,
    ).toBe(403);
  });

  it('records a rating, issues the voter cookie as the API does, and redirects back with what was recorded', async () => {
    const res = await env.app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'forest-coverage', rating: '4', comment: '绿化很好' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/indicators/forest-coverage?done=recorded&pending=1#feedback');
    expect(res.headers.get('set-cookie')).toMatch(
      /^gp_voter=v1\.[\w-]+\.[\w-]+; Max-Age=34560000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(res.headers.get('x-voter-token')).toBe(voterCookie(res));
    const cookie = `gp_voter=${voterCookie(res)}`;

    // The page after the redirect: the confirmation, the voter's own rating, and never a shared cache.
    const after = await get('/indicators/forest-coverage?done=recorded&pending=1', { Cookie: cookie });
    expect(after.res.headers.get('cache-control')).toBe('private, no-store');
    expect(after.html).toContain('您的评价已计入。');
    expect(after.html).toContain('您的留言已收到，审核后公开。');
    expect(after.html).toContain('您2026年的评价：满意');
    expect(after.html).toContain('<span class="pill">待审核</span>');
    expect(after.html).toMatch(/<input type="radio" name="rating" id="rating-4" value="4" checked=""/);
    expect(after.html).toContain('修改我的评价');

    // The same cookie is the API's voter: one voter, whichever way they rated.
    const mine = (await (await env.app.request('/api/v1/me/feedback', { headers: { Cookie: cookie } })).json()) as {
      items: Array<{ targetId: string; rating: number }>;
    };
    expect(mine.items).toMatchObject([{ targetId: 'forest-coverage', rating: 4 }]);

    // Changing it replaces this year's rating and says so.
    const again = await env.app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'forest-coverage', rating: '2' }, { Cookie: cookie }),
    );
    expect(again.headers.get('location')).toBe('/indicators/forest-coverage?done=replaced#feedback');
    expect(again.headers.get('set-cookie')).toBeNull();
    const changed = await get('/indicators/forest-coverage?done=replaced', { Cookie: cookie });
    expect(changed.html).toContain('您的评价已更新');
    expect(changed.html).toContain('您2026年的评价：不满意');

    // A shared confirmation link shows nothing to someone else (who gets a voter cookie of their own).
    const stranger = await get('/indicators/forest-coverage?done=recorded&pending=1');
    expect(stranger.html).toContain('<div id="feedback-status" class="notice" role="status" hidden=""></div>');
    expect(stranger.html).toContain('<div id="yours" class="yours" hidden="">');
    expect(voterCookie(stranger.res)).not.toBe(voterCookie(res));
    expect(stranger.res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('gives a browser its voter cookie with the page that shows the form, before its first rating', async () => {
    const page = await get('/indicators/green-coverage');
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('set-cookie')).toMatch(
      /^gp_voter=v1\.[\w-]+\.[\w-]+; Max-Age=34560000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    // For the browser only: no token in a header that a script could read.
    expect(page.res.headers.get('x-voter-token')).toBeNull();
    // An answer that sets a cookie is never kept in a shared cache, or every reader would get this voter.
    expect(page.res.headers.get('cache-control')).toBe('private, no-store');
    const token = voterCookie(page.res)!;
    const voterId = env.deps.voterTokens.verify(token);
    expect(voterId).not.toBeNull();
    const cookie = `gp_voter=${token}`;

    // The form posts as that voter: nothing new is issued.
    const posted = await env.app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'green-coverage', rating: '4' }, { Cookie: cookie }),
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/indicators/green-coverage?done=recorded#feedback');
    expect(posted.headers.get('set-cookie')).toBeNull();
    expect(posted.headers.get('x-voter-token')).toBeNull();

    // Its answer lost, the browser sends the form again: the same voter, whose rating replaces itself.
    const retried = await env.app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'green-coverage', rating: '4' }, { Cookie: cookie }),
    );
    expect(retried.headers.get('location')).toBe('/indicators/green-coverage?done=replaced#feedback');
    expect(retried.headers.get('set-cookie')).toBeNull();
    const mine = (await (await env.app.request('/api/v1/me/feedback', { headers: { Cookie: cookie } })).json()) as {
      items: Array<{ targetId: string; revisions: number }>;
    };
    expect(mine.items).toMatchObject([{ targetId: 'green-coverage', revisions: 2 }]);
    const recorded = await env.deps.feedback.ballotsOf(voterId!, plan.id, {
      targetType: 'indicator',
      targetId: 'green-coverage',
    });
    expect(recorded).toHaveLength(1);

    // The page's script posts to the API with the same cookie: nothing new either.
    const scripted = await env.app.request('/api/v1/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: 'http://localhost' },
      body: JSON.stringify({ targetType: 'project', targetId: plan.projects[5]!.id, rating: 3 }),
    });
    expect(scripted.status).toBe(201);
    expect(scripted.headers.get('set-cookie')).toBeNull();
    expect(scripted.headers.get('x-voter-token')).toBeNull();

    // A browser that has its cookie keeps it; a forged one is replaced; pages without the form set none.
    expect((await get('/indicators/green-coverage', { Cookie: cookie })).res.headers.get('set-cookie')).toBeNull();
    expect(
      voterCookie((await get(`/projects/${plan.projects[5]!.id}`, { Cookie: 'gp_voter=v1.forged.forged' })).res),
    ).toMatch(/^v1\./);
    for (const path of ['/', '/indicators', '/projects', '/method', '/indicators/no-such']) {
      expect((await get(path)).res.headers.get('set-cookie'), path).toBeNull();
    }
  });

  it('rates a project the same way', async () => {
    const project = plan.projects[3]!;
    const res = await env.app.request('/feedback', form({ targetType: 'project', targetId: project.id, rating: '5' }));
    expect(res.headers.get('location')).toBe(`/projects/${project.id}?done=recorded#feedback`);
  });
});
