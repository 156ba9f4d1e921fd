import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { planDataCache } from '../../shared/store/plan-cache.js';
import { testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';
import { countingStore } from '../helpers/counting-store.js';

const store = useStore();
const plan = readPlanFile();
const WINDOW_MS = 2000;

/** A process of its own whose public answers are kept for the window, with a clock the test moves. */
function process() {
  const counting = countingStore(store.current);
  const clock = { now: Date.parse('2025-06-01T00:00:00Z') };
  const now = () => clock.now;
  const cache = planDataCache(counting.store, { windowMs: WINDOW_MS, now });
  const { app, deps } = testApp(counting.store, {
    plans: cache.plans,
    progress: cache.progress,
    ratings: cache.ratings,
    answers: { windowMs: WINDOW_MS, version: cache.answersVersion, now },
  });
  return { counting, clock, cache, app, deps };
}

// The comments of a target are read from the store at every render: no version announces them.
const COMMENTS = '/api/v1/indicators/gdp/comments';

beforeAll(async () => {
  await loadPlan(store.current, plan);
});

describe('public answers kept by the process', () => {
  it('answers a public page again, byte for byte with its ETag, without reading the store or rendering', async () => {
    const reader = process();
    const first = await reader.app.request(COMMENTS);
    expect(first.status).toBe(200);
    expect(reader.counting.sent().QueryCommand).toBeGreaterThan(0);
    reader.counting.reset();
    const again = await reader.app.request(COMMENTS);
    expect(reader.counting.sent()).toEqual({});
    expect(await again.text()).toBe(await first.text());
    expect(again.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(again.headers.get('Cache-Control')).toBe(first.headers.get('Cache-Control'));
    // The validator still works on a kept answer.
    const revalidated = await reader.app.request(COMMENTS, {
      headers: { 'If-None-Match': first.headers.get('ETag')! },
    });
    expect(revalidated.status).toBe(304);
  });

  it('renders again once the staleness window has passed, so what no version announces shows within it', async () => {
    const reader = process();
    await reader.app.request(COMMENTS);
    reader.clock.now += WINDOW_MS - 1;
    reader.counting.reset();
    await reader.app.request(COMMENTS);
    expect(reader.counting.sent()).toEqual({});
    reader.clock.now += 1;
    await reader.app.request(COMMENTS);
    expect(reader.counting.sent()).toMatchObject({ QueryCommand: 1 });
  });

  it('shows a value this process published at once, within the window: a write changes the versions the answers are kept under', async () => {
    const reader = process();
    const gdp2022 = async () => {
      const html = await (await reader.app.request('/indicators')).text();
      return html.includes('471.5');
    };
    expect(await gdp2022()).toBe(false);
    await reader.cache.plans.appendObservation(
      plan.id,
      { indicatorId: 'gdp', year: 2022, value: 471.5, recordedBy: 'stats-office', reason: 'kept-answers test' },
      new Date('2024-03-01T00:00:00Z'),
    );
    expect(await gdp2022()).toBe(true);
  });

  it('keeps one answer per language and large-text choice, and never serves a kept answer to a request that says who is asking', async () => {
    const reader = process();
    const zh = await (await reader.app.request('/', { headers: { Cookie: 'lang=zh' } })).text();
    const en = await (await reader.app.request('/', { headers: { Cookie: 'lang=en' } })).text();
    expect(zh).not.toBe(en);
    expect(await (await reader.app.request('/', { headers: { Cookie: 'lang=en' } })).text()).toBe(en);
    expect(await (await reader.app.request('/', { headers: { 'Accept-Language': 'en' } })).text()).toBe(en);

    await reader.app.request(COMMENTS);
    reader.counting.reset();
    const voter = reader.deps.voterTokens.issue().token;
    await reader.app.request(COMMENTS, { headers: { Cookie: `gp_voter=${voter}` } });
    await reader.app.request(COMMENTS, { headers: { 'X-Voter-Token': voter } });
    expect(reader.counting.sent()).toMatchObject({ QueryCommand: 2 });
  });

  it('never keeps a personal answer: a page that sets the voter cookie is rendered for every request', async () => {
    const reader = process();
    const first = await reader.app.request('/indicators/gdp');
    expect(first.headers.get('Set-Cookie')).toContain('gp_voter=');
    const second = await reader.app.request('/indicators/gdp');
    expect(second.headers.get('Set-Cookie')).toContain('gp_voter=');
    expect(second.headers.get('Set-Cookie')).not.toBe(first.headers.get('Set-Cookie'));
    expect(second.headers.get('Cache-Control')).toBe('private, no-store');
  });
});
