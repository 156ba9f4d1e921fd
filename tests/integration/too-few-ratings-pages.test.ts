import { describe, expect, it } from 'vitest';
import { aggregationJob } from '../../shared/ratings/job.js';
import { json } from '../helpers/api.js';
import { useCitizenPages } from '../helpers/web-pages.js';

/**
 * One minimum of ratings on every page that shows citizens' satisfaction: below it (10 here, the
 * same minimum that keeps a target out of the ranks) a page shows the count and "too few ratings to
 * summarise", never a share like 0.0% whose interval spans most of the scale; from it on, the share
 * with its interval. The pages are read after each aggregation run, first with one rating, then ten.
 */
const env = useCitizenPages();
const { get, store } = env;
const EN = { Cookie: 'lang=en' };
const TOO_FEW = '评价太少，暂不计算满意率';
const TOO_FEW_EN = 'Too few ratings to summarise';
/** The Wilson interval of 0 satisfied out of 1: what one 不满意 would have shown. */
const ONE_RATING_INTERVAL = '79.3%';

async function rate(targetType: 'indicator' | 'project', targetId: string, rating: number, times = 1) {
  for (let i = 0; i < times; i++) {
    const res = await env.app.request(
      '/api/v1/feedback',
      json({ targetType, targetId, rating }, { 'X-Voter-Token': env.deps.voterTokens.issue().token }),
    );
    expect(res.status).toBe(201);
  }
}

const aggregate = () => aggregationJob(store.current, { minRatings: 10, settleSeconds: 0, maxBatch: 1000 })();

/** The rendered text of a page's element whose opening tag matches `open`, tags removed. */
const section = (html: string, id: string) =>
  (new RegExp(`id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '').replace(/<[^>]+>/g, ' ');

describe('a satisfaction share below the minimum number of ratings', () => {
  it('is shown as the count and "too few ratings to summarise" on every page, in both languages, from one rating', async () => {
    await rate('indicator', 'forest-coverage', 2);
    await aggregate();
    const pages = await Promise.all(
      ['/indicators/forest-coverage', '/', '/indicators', '/verdicts', '/evaluation'].flatMap((path) => [
        get(path),
        get(path, EN),
      ]),
    );
    for (const { res, html } of pages) {
      expect(res.status).toBe(200);
      expect(html).not.toContain(ONE_RATING_INTERVAL);
      expect(html.includes(TOO_FEW) || html.includes(TOO_FEW_EN)).toBe(true);
    }
    const [indicator, indicatorEn, home, homeEn, list] = pages.map((p) => p.html) as [string, ...string[]];
    expect(section(indicator, 'ratings')).toMatch(new RegExp(`${TOO_FEW}[\\s\\S]*1 条评价`));
    expect(section(indicatorEn!, 'ratings')).toMatch(new RegExp(`${TOO_FEW_EN}[\\s\\S]*1 rating`));
    // The category card of 生态文明 on the home page, in both languages.
    expect(home).toMatch(new RegExp(`生态文明[\\s\\S]*?${TOO_FEW} · 1 条评价`));
    expect(homeEn).toMatch(new RegExp(`${TOO_FEW_EN} · 1 rating`));
    // The indicator's row of the list: the count beside it.
    expect(list).toMatch(new RegExp(`${TOO_FEW}[\\s\\S]{0,80}1 条评价`));
  });

  it('gives way to the share and its interval once the minimum is reached', async () => {
    await rate('indicator', 'forest-coverage', 5, 9);
    await aggregate();
    const [{ html: indicator }, { html: home }, { html: verdicts }, { html: evaluation }, { html: indicatorEn }] =
      await Promise.all([
        get('/indicators/forest-coverage'),
        get('/'),
        get('/verdicts'),
        get('/evaluation'),
        get('/indicators/forest-coverage', EN),
      ]);
    // 9 of 10 satisfied: 90.0%, Wilson 59.6%–98.2%.
    expect(section(indicator, 'ratings')).toContain('90.0%（95% 置信区间 59.6%–98.2%）');
    expect(section(indicatorEn, 'ratings')).toContain('90.0% (95% interval 59.6%–98.2%)');
    expect(home).toMatch(/生态文明[\s\S]*?90\.0%（95% 置信区间 59\.6%–98\.2%） · 10 条评价/);
    expect(verdicts).toContain('90.0%（区间 59.6%–98.2%）');
    expect(evaluation).toContain('90.0%（95% 置信区间 59.6%–98.2%）');
    for (const html of [indicator, home, verdicts, evaluation]) expect(html).not.toContain(TOO_FEW);
  });
});
