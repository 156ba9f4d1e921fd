import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED_SOURCES, feedRoutes, type FeedSource } from '../../shared/http/api/routes/feeds.js';
import { planScoped } from '../../shared/http/plan-scope.js';
import { atomFeed, entryId, MAX_ENTRIES, type FeedSite } from '../../shared/feeds/atom.js';
import { observationEvents, type FeedEvent } from '../../shared/feeds/events.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import type { Observation } from '../../shared/plan/observation.js';
import { currentObservations } from '../../shared/plan/observation.js';
import { assessProgress } from '../../shared/progress/status.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { json, testApp } from '../helpers/api.js';
import { testIdentity } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

const plan = readPlanFile();
const gdp = plan.indicators.find((i) => i.id === 'gdp')!;
const site: FeedSite = {
  origin: 'https://gongping.example.org',
  tagAuthority: 'gongping.example.org',
  planId: plan.id,
  base: `/plans/${plan.id}`,
  quietSince: '2020-12-31T16:00:00.000Z',
};
const by = { recordedBy: '区统计局', reason: '首次公布' };
const revision = (year: number, value: number, revisionNo: number, recordedAt: string): Observation => ({
  indicatorId: 'gdp',
  year,
  value,
  revision: revisionNo,
  recordedAt,
  ...by,
});

/** Entries of an Atom document, read with patterns (the feed package writes one element per line). */
function entries(xml: string) {
  return [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, body]) => ({
    id: /<id>([^<]+)<\/id>/.exec(body!)![1]!,
    title: /<title type="html"><!\[CDATA\[([\s\S]*?)\]\]><\/title>/.exec(body!)![1]!,
    link: /<link href="([^"]+)"\/>/.exec(body!)![1]!,
    updated: /<updated>([^<]+)<\/updated>/.exec(body!)![1]!,
    category: /<category term="([^"]+)"\/>/.exec(body!)![1]!,
  }));
}

describe('feed events from observations', () => {
  // On track in 2021 (+8.7 % against +8.2 % needed), behind with 2022 (+7.0 % a year), on track again after a correction.
  const revisions = [
    revision(2021, 476.2, 1, '2022-03-15T02:00:00.000Z'),
    revision(2022, 501.7, 1, '2023-03-15T02:00:00.000Z'),
    revision(2022, 520.0, 2, '2023-06-30T02:00:00.000Z'),
  ];

  it('reports every revision, and a status change exactly when assessProgress over the values published by then changes', () => {
    const events = observationEvents(gdp, revisions);
    expect(events.map((e) => e.kind)).toEqual([
      'observation',
      'status-change',
      'observation',
      'status-change',
      'observation',
      'status-change',
    ]);
    const statuses = [[], revisions.slice(0, 1), revisions.slice(0, 2), revisions].map(
      (published) => assessProgress(gdp, currentObservations(published)).status,
    );
    const changes = events.filter((e) => e.kind === 'status-change');
    expect(changes.map((e) => [e.from, e.to])).toEqual([
      [statuses[0], statuses[1]],
      [statuses[1], statuses[2]],
      [statuses[2], statuses[3]],
    ]);
    expect(statuses).toEqual(['not_assessable', 'on_track', 'needs_acceleration', 'on_track']);
    // A correction says what it replaced.
    const correction = events.find((e) => e.kind === 'observation' && e.observation.revision === 2)!;
    expect(correction).toMatchObject({ previousValue: 501.7, at: '2023-06-30T02:00:00.000Z' });
  });

  it('reports no status change when a value leaves the status as it was', () => {
    const events = observationEvents(gdp, [
      revision(2021, 476.2, 1, '2022-03-15T02:00:00.000Z'),
      revision(2021, 476.3, 2, '2022-04-15T02:00:00.000Z'),
    ]);
    expect(events.map((e) => e.kind)).toEqual(['observation', 'status-change', 'observation']);
  });

  it('follows publication order, not year order, and ignores other indicators’ values', () => {
    const late = revision(2021, 476.2, 1, '2023-01-01T00:00:00.000Z');
    const early = revision(2022, 501.7, 1, '2022-12-01T00:00:00.000Z');
    const other = { ...early, indicatorId: 'population' };
    const events = observationEvents(gdp, [late, early, other]).filter((e) => e.kind === 'observation');
    expect(events.map((e) => e.at)).toEqual([early.recordedAt, late.recordedAt]);
  });
});

describe('the Atom builder', () => {
  const target = { targetType: 'project' as const, targetId: 'b07-x', nameZh: '示范项目', nameEn: 'A project' };
  const hooked: FeedEvent[] = [
    {
      kind: 'reply',
      target,
      at: '2026-06-01T00:00:00.000Z',
      replyId: 'r1',
      feedbackId: 'f1',
      department: '区住建局',
      departmentEn: 'District Housing Bureau',
      text: '已安排 <核查>',
    },
    {
      kind: 'case-closed',
      target,
      at: '2026-06-05T00:00:00.000Z',
      caseId: 'c9',
      outcome: 'rectified',
      summary: '已整改：路灯修复',
      withinDeadline: true,
      openedAt: '2026-05-20T00:00:00.000Z',
      answeredAt: '2026-06-04T00:00:00.000Z',
      workingDays: 10,
      deadlineDays: 15,
    },
  ];

  it('renders replies and closed cases through the same builder, with stable tag URIs, links to the public page and both languages', () => {
    const xml = atomFeed(site, { kind: 'target', target }, hooked, plan);
    const list = entries(xml);
    expect(list.map((e) => e.id)).toEqual([
      'tag:gongping.example.org,2026:licheng-14th/projects/b07-x/cases/c9/closed',
      'tag:gongping.example.org,2026:licheng-14th/projects/b07-x/replies/r1',
    ]);
    expect(list.map((e) => e.category)).toEqual(['case-closed', 'reply']);
    expect(list.every((e) => e.link === 'https://gongping.example.org/plans/licheng-14th/projects/b07-x')).toBe(true);
    expect(list[0]!.title).toBe('示范项目 差评办结：已整改 · A project: 差评 case closed, rectified');
    // Each language's title names the department in its own language.
    expect(list[1]!.title).toBe(
      '示范项目 留言获官方回复（区住建局） · A project: official reply from District Housing Bureau',
    );
    // Text from people is escaped inside the HTML content.
    expect(xml).toContain('已安排 &lt;核查&gt;');
    expect(xml).toContain('<updated>2026-06-05T00:00:00.000Z</updated>');
  });

  it('gives an empty feed the start of the plan as its updated time, and caps a feed at the newest entries', () => {
    expect(atomFeed(site, { kind: 'plan' }, [], plan)).toContain(`<updated>${site.quietSince}</updated>`);
    const many: FeedEvent[] = Array.from(
      { length: MAX_ENTRIES + 5 },
      (_, i) =>
        ({
          ...hooked[0]!,
          replyId: `r${i}`,
          at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        }) as FeedEvent,
    );
    const list = entries(atomFeed(site, { kind: 'plan' }, many, plan));
    expect(list).toHaveLength(MAX_ENTRIES);
    expect(list[0]!.id).toBe(entryId(site, many.at(-1)!));
  });
});

describe('feed routes', () => {
  const store = useStore();
  let app: ReturnType<typeof testApp>['app'];
  let deps: ReturnType<typeof testApp>['deps'];

  beforeAll(async () => {
    await loadPlan(store.current, plan);
    ({ app, deps } = testApp(store.current));
    const plans = planRepository(store.current);
    await plans.appendObservation(
      plan.id,
      { indicatorId: 'gdp', year: 2021, value: 476.2, ...by },
      new Date('2022-03-15T02:00:00Z'),
    );
    await plans.appendObservation(
      plan.id,
      { indicatorId: 'gdp', year: 2022, value: 501.7, ...by },
      new Date('2023-03-15T02:00:00Z'),
    );
  });

  it('serves the plan feed and an indicator feed as Atom, newest first, linking to the public pages', async () => {
    for (const path of ['/api/v1/feeds/plan.atom', '/api/v1/feeds/indicators/gdp.atom']) {
      const res = await app.request(`https://gongping.example.org${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=600');
      const xml = await res.text();
      // The feed names itself by its plan's address, which stays the plan's when another plan becomes current.
      expect(xml).toContain(
        `<link rel="self" href="https://gongping.example.org${path.replace('/api/v1', '/api/v1/plans/licheng-14th')}"/>`,
      );
      const list = entries(xml);
      expect(list.map((e) => e.category)).toEqual(['status-change', 'observation', 'status-change', 'observation']);
      expect(list.map((e) => e.updated)).toEqual([
        '2023-03-15T02:00:00.000Z',
        '2023-03-15T02:00:00.000Z',
        '2022-03-15T02:00:00.000Z',
        '2022-03-15T02:00:00.000Z',
      ]);
      expect(list.every((e) => e.link === 'https://gongping.example.org/plans/licheng-14th/indicators/gdp')).toBe(true);
      expect(list[3]!.title).toBe(
        '地区生产总值 2021年数值公布：476.2亿元 · Gross domestic product (GDP): 2021 value published, 47.62 billion yuan',
      );
    }
  });

  it('links to the public site, not the API host it was asked through, when SITE_URL is set (behind CloudFront)', async () => {
    const behindCloudFront = testApp(store.current, { siteUrl: 'https://gongping.licheng.gov.example' }).app;
    const xml = await (
      await behindCloudFront.request(
        'https://abc123.execute-api.ap-southeast-1.amazonaws.com/api/v1/feeds/indicators/gdp.atom',
      )
    ).text();
    expect(xml).not.toContain('execute-api');
    expect(
      entries(xml).every((e) => e.link === 'https://gongping.licheng.gov.example/plans/licheng-14th/indicators/gdp'),
    ).toBe(true);
  });

  it('keeps every entry’s id when a new revision arrives, and puts the new one first', async () => {
    const before = entries(await (await app.request('/api/v1/feeds/indicators/gdp.atom')).text());
    await planRepository(store.current).appendObservation(
      plan.id,
      { indicatorId: 'gdp', year: 2022, value: 520, recordedBy: '区统计局', reason: '更正' },
      new Date('2023-06-30T02:00:00Z'),
    );
    const after = entries(await (await app.request('/api/v1/feeds/indicators/gdp.atom')).text());
    expect(after.slice(-before.length).map((e) => e.id)).toEqual(before.map((e) => e.id));
    // The correction brings GDP back on track: the change and its cause come first.
    expect(after.slice(0, 2).map((e) => e.id)).toEqual([
      'tag:localhost,2026:licheng-14th/indicators/gdp/status/2022/2',
      'tag:localhost,2026:licheng-14th/indicators/gdp/values/2022/2',
    ]);
    expect(after[0]!.title).toBe(
      '地区生产总值 进展状态：需加快 → 进展顺利 · Gross domestic product (GDP): status needs acceleration → on track',
    );
    expect(after[1]!.title).toContain('2022年数值更正为 520亿元');
  });

  it('serves a project’s feed (empty until replies and cases arrive) and 404 for unknown targets', async () => {
    const res = await app.request(`/api/v1/feeds/projects/${plan.projects[0]!.id}.atom`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(entries(xml)).toEqual([]);
    expect(xml).toContain('<updated>2020-12-31T16:00:00.000Z</updated>');
    for (const path of [
      '/api/v1/feeds/indicators/no-such.atom',
      '/api/v1/feeds/projects/no-such.atom',
      '/api/v1/feeds/indicators/GDP!.atom',
    ]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('takes events from further sources: a reply source plugs into the same route', async () => {
    const project = plan.projects[0]!;
    const replies: FeedSource = (_deps, scope) =>
      Promise.resolve(
        scope.kind === 'project' && scope.project.id === project.id
          ? [
              {
                kind: 'reply',
                target: {
                  targetType: 'project',
                  targetId: project.id,
                  nameZh: project.titleZh,
                  nameEn: project.titleEn,
                },
                at: '2026-06-01T00:00:00.000Z',
                replyId: 'r1',
                feedbackId: 'f1',
                department: '区发改局',
                departmentEn: 'District Development and Reform Bureau',
                text: '谢谢',
              },
            ]
          : [],
      );
    const withReplies = new Hono().route(
      '/api/v1',
      planScoped(deps, feedRoutes(deps, [...DEFAULT_FEED_SOURCES, replies])),
    );
    const list = entries(await (await withReplies.request(`/api/v1/feeds/projects/${project.id}.atom`)).text());
    expect(list.map((e) => e.category)).toEqual(['reply']);
  });
});

describe('replies and closed 差评 cases in the feeds, end to end through the staff routes', () => {
  const store = useStore();
  const project = plan.projects[1]!;
  let app: ReturnType<typeof testApp>['app'];
  let now = Date.parse('2026-06-01T02:00:00Z');
  const advance = (hours: number) => (now += hours * 3600_000);

  beforeAll(async () => {
    await loadPlan(store.current, plan);
    const identity = await testIdentity();
    ({ app } = testApp(store.current, { staffAuth: identity.verifier, clock: () => new Date(now) }));
    const monitor = await identity.bearer(['monitor'], { name: 'sun.li', sub: 'sub-sun' });
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await app.request(`/api/v1${path}`, json(body, headers));
      expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };
    // A satisfied citizen's comment on the indicator, published and answered.
    const praise = await post('/feedback', {
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 5,
      comment: '数据公布及时，点赞',
    });
    advance(1);
    await post(`/monitor/comments/${String(praise.feedbackId)}/moderation`, { action: 'publish' }, monitor);
    advance(1);
    await post(
      `/monitor/comments/${String(praise.feedbackId)}/replies`,
      { department: '鲤城区统计局', text: '感谢关注，我们将继续按时公布。' },
      monitor,
    );
    // A 差评 on the project with a comment opens a case: published, verified, answered, closed.
    advance(1);
    const complaint = await post('/feedback', {
      targetType: 'project',
      targetId: project.id,
      rating: 1,
      comment: '项目进展信息太少，联系电话13812345678',
    });
    advance(1);
    await post(`/monitor/comments/${String(complaint.feedbackId)}/moderation`, { action: 'publish' }, monitor);
    const caseSteps = `/monitor/cases/${String(complaint.feedbackId)}/steps`;
    advance(24);
    await post(caseSteps, { action: 'verify', department: '鲤城区发改局' }, monitor);
    advance(24);
    await post(caseSteps, { action: 'reply', department: '鲤城区发改局', text: '已在项目页补充季度进展。' }, monitor);
    advance(24 * 20);
    await post(caseSteps, { action: 'close', note: '市民未再反馈，办结。' }, monitor);
  });

  const feed = async (path: string) => {
    const res = await app.request(`https://gongping.example.org/api/v1/feeds/${path}`);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('shows the official reply in the target’s feed, linking to the target’s page', async () => {
    const xml = await feed('indicators/gdp.atom');
    const list = entries(xml);
    expect(list.map((e) => e.category)).toEqual(['reply']);
    expect(list[0]!.link).toBe('https://gongping.example.org/plans/licheng-14th/indicators/gdp');
    expect(list[0]!.title).toBe(
      '地区生产总值 留言获官方回复（鲤城区统计局） · Gross domestic product (GDP): official reply from 鲤城区统计局',
    );
    expect(xml).toContain('感谢关注，我们将继续按时公布。');
    expect(list[0]!.updated).toBe('2026-06-01T04:00:00.000Z');
  });

  it('shows the closed case in the project’s feed: answered, when, in how many working days, on time; no personal data, no voter', async () => {
    const xml = await feed(`projects/${project.id}.atom`);
    const list = entries(xml);
    // The case reply is also an official reply to the (published) comment; the closing comes last.
    expect(list.map((e) => e.category)).toEqual(['case-closed', 'reply']);
    expect(list.every((e) => e.link === `https://gongping.example.org/plans/licheng-14th/projects/${project.id}`)).toBe(
      true,
    );
    expect(list[0]!.title).toBe(
      `${project.titleZh} 差评办结：已解释说明 · ${project.titleEn}: 差评 case closed, explained`,
    );
    expect(list[0]!.updated).toBe(new Date(now).toISOString());
    expect(xml).toContain('已于 2026-06-03 答复，历时 2 个工作日（时限 15 个工作日），按时办结。');
    expect(xml).toContain('Answered on 2026-06-03, after 2 working day(s) (deadline 15): on time.');
    // Neither the masked phone number, nor the comment, nor any voter id.
    expect(xml).not.toMatch(/13812345678|联系电话|voter/i);
  });

  it('puts both in the plan feed, newest first', async () => {
    const list = entries(await feed('plan.atom'));
    expect(list.map((e) => e.category)).toEqual(['case-closed', 'reply', 'reply']);
    expect(list.map((e) => e.updated)).toEqual([...list.map((e) => e.updated)].sort().reverse());
  });
});
