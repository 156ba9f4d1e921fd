import { beforeAll, describe, expect, it } from 'vitest';
import { aggregationJob } from '../../shared/ratings/job.js';
import { Comments } from '../../web/citizen/components/feedback.js';
import type { CommentWithReplies } from '../../web/citizen/data.js';
import { messages, type Lang } from '../../web/i18n.js';
import { webAssets } from '../../web/assets.js';
import { json } from '../helpers/api.js';
import { useCitizenPages } from '../helpers/web-pages.js';

/** Published verdicts on the citizen pages. */
const env = useCitizenPages();
const { get, store } = env;

describe('published verdicts on the pages', () => {
  beforeAll(async () => {
    const rate = async (targetId: string, rating: number) => {
      const res = await env.app.request(
        '/api/v1/feedback',
        json({ targetType: 'indicator', targetId, rating }, { 'X-Voter-Token': env.deps.voterTokens.issue().token }),
      );
      expect(res.status).toBe(201);
    };
    // Ten voters each on two indicators: enough to rank; one on a third: too few. The aggregation publishes; pages only read.
    for (let i = 0; i < 10; i++) {
      await rate('pm25-concentration', 1 + (i % 2));
      await rate('gdp', 4 + (i % 2));
    }
    await rate('forest-coverage', 2);
    await aggregationJob(store.current, { minRatings: 10, settleSeconds: 0, maxBatch: 1000 })();
  });

  it('shows a target summary: 满意率 with its interval, sample size, the five levels as chart data and a table', async () => {
    const { html } = await get('/indicators/gdp');
    expect(html).toContain('10 条评价');
    expect(html).toMatch(/100\.0%（95% 置信区间 72\.2%–100\.0%）/); // Wilson, 10 of 10
    const data = JSON.parse(
      /<script type="application\/json" id="ratings-chart-data">([\s\S]*?)<\/script>/.exec(html)![1]!,
    ) as { labels: string[]; counts: number[] };
    expect(data.labels).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(data.counts).toEqual([5, 5, 0, 0, 0]);
    expect(html).toMatch(/<th scope="row">非常满意<\/th><td>5<\/td><td>50\.0%<\/td>/);
    expect(html).toContain('排名');
  });

  it('flags a target with fewer ratings than the minimum as too few to rank', async () => {
    const { html } = await get('/indicators/forest-coverage');
    expect(html).toContain('1 条评价');
    expect(html).toContain('评价少于 10 条，不参与排名。');
  });

  it('lists the least satisfied targets on the home page, only those with enough ratings', async () => {
    const { html } = await get('/');
    const least = /<ol class="least">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    expect([...least.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1])).toEqual([
      '/indicators/pm25-concentration',
      '/indicators/gdp',
    ]);
    expect(html).not.toMatch(/<ol class="least">[\s\S]*forest-coverage/);
    expect(html).toMatch(/总体满意度[\s\S]*?\d+ 条评价/);
  });

  /** The comments block of the GDP page, in `lang`, with these published comments on it. */
  const commentsOnGdp = async (lang: Lang, comments: Array<Partial<CommentWithReplies>>, nextCursor: string | null) =>
    String(
      await Comments({
        ctx: { lang, t: messages(lang), elder: false, path: '/', assets: webAssets(env.distDir()) },
        basePath: '/indicators/gdp',
        comments: {
          items: comments.map((comment, i) => ({
            feedbackId: `f${i + 1}`,
            planId: 'licheng-14th',
            targetType: 'indicator',
            targetId: 'gdp',
            rating: 2,
            comment: '',
            recordedAt: '2026-06-01T00:00:00.000Z',
            publishedAt: '2026-06-02T00:00:00.000Z',
            replies: [],
            underReview: false,
            ...comment,
          })),
          nextCursor,
        },
      }),
    );

  it('shows published comments, newest first, with official replies when a comment carries them', async () => {
    const html = await commentsOnGdp(
      'zh-CN',
      [
        {
          comment: '数据太旧\n请更新',
          replies: [
            {
              text: '2025年数据将于7月公布。',
              publishedAt: '2026-06-03T00:00:00.000Z',
              department: '区统计局',
              departmentEn: 'District Statistics Bureau',
            },
          ],
        },
        {
          rating: 5,
          comment: '很好',
          recordedAt: '2026-05-01T00:00:00.000Z',
          publishedAt: '2026-05-02T00:00:00.000Z',
        },
      ],
      'abc',
    );
    const shown = ['评价：不满意', '数据太旧\n请更新', '区统计局', '2025年数据将于7月公布。'];
    for (const text of shown) expect(html, text).toContain(text);
    expect(html.match(/官方回复/g)).toHaveLength(1);
    expect(html).not.toContain('District Statistics Bureau');
    expect(html).toContain('href="/indicators/gdp?comments=abc#comments"');
  });

  it('marks what citizens and departments wrote in Chinese as Chinese on an English page, and leaves English words alone', async () => {
    const html = await commentsOnGdp(
      'en',
      [
        {
          comment: 'GDP 数据太旧',
          // A reply from before English names were kept: its Chinese name stands in.
          replies: [
            {
              text: '将于7月公布',
              publishedAt: '2026-06-03T00:00:00.000Z',
              department: '区统计局',
              departmentEn: '区统计局',
            },
          ],
        },
      ],
      null,
    );
    expect(html).toContain('GDP <span lang="zh-CN">数据太旧</span>');
    expect(html).toContain('<span lang="zh-CN">将于</span>7<span lang="zh-CN">月公布</span>');
    expect(html).toContain('<span lang="zh-CN">区统计局</span>');
  });
});
