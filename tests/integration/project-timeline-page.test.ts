import { beforeAll, describe, expect, it } from 'vitest';
import { useCitizenPages } from '../helpers/web-pages.js';

/**
 * A project's page shows the timeline of its progress reports, newest first: the date, the status
 * and progress reported, what was done, why the report exists and who reported it — by role, never
 * by the publisher's name, which the store keeps for the audit.
 */
const env = useCitizenPages();
const { get } = env;
const REPORTED = 'b05-innovation-entity-cultivation';
const UNREPORTED = 'b05-innovation-service-platforms';
const PUBLISHER = '王五 (wang.wu)';

/** The timeline's items, tags removed, in page order. */
const items = (html: string) =>
  [...(/<ol class="timeline"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '').matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map(
    (m) =>
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
  );

beforeAll(async () => {
  const report = (progress: number, note: string, reason: string, at: string, source?: string) =>
    env.deps.progress.append(
      env.plan.id,
      {
        projectId: REPORTED,
        status: 'in_progress',
        progress,
        note,
        reason,
        recordedBy: PUBLISHER,
        ...(source ? { source } : {}),
      },
      new Date(at),
    );
  await report(30, '已认定2家区级工程研究中心', 'first report', '2026-03-31T02:00:00Z');
  await report(55, '新增省级企业技术中心3个', '二季度报告', '2026-06-30T02:00:00Z', '区科技局');
});

describe('a project’s progress timeline', () => {
  it('lists every report newest first, with its date, status, progress, note, reason and source', async () => {
    const { res, html } = await get(`/projects/${REPORTED}`);
    expect(res.status).toBe(200);
    expect(html).toContain('<h2 id="timeline-heading">进度报告记录</h2>');
    const [newest, oldest, ...rest] = items(html);
    expect(rest).toEqual([]);
    expect(newest).toMatch(
      /^2026-06-30 第 2 次报告 在建 .*55% 新增省级企业技术中心3个 原因 二季度报告 出处 区科技局 报告方：规划发布员$/,
    );
    expect(oldest).toMatch(
      /^2026-03-31 第 1 次报告 在建 .*30% 已认定2家区级工程研究中心 原因 首次报告 报告方：规划发布员$/,
    );
    expect(html).toMatch(/<ol class="timeline" reversed="">/);
    expect(html).toContain('<time datetime="2026-06-30T02:00:00.000Z">2026-06-30</time>');
  });

  it('names the reporting role, never the publisher', async () => {
    const { html } = await get(`/projects/${REPORTED}`);
    expect(html).not.toContain('王五');
    expect(html).not.toContain('wang.wu');
  });

  it('words the system’s own reasons in English on an English page, and marks the publisher’s Chinese as Chinese', async () => {
    const { html } = await get(`/projects/${REPORTED}`, { Cookie: 'lang=en' });
    const [newest, oldest] = items(html);
    expect(html).toContain('<h2 id="timeline-heading">Progress reports</h2>');
    expect(oldest).toMatch(
      /^2026-03-31 Report 1 In progress .*30% .* Why First report Reported by: the plan’s publisher$/,
    );
    expect(newest).toContain('Why 二季度报告');
    expect(html).toContain('<span lang="zh-CN">二季度报告</span>');
  });

  it('says so when a project has no report yet', async () => {
    const { html } = await get(`/projects/${UNREPORTED}`);
    expect(html).toContain('还没有进度报告。');
    expect(html).not.toContain('<ol class="timeline"');
  });
});
