import { Feed, type Item } from 'feed';
import type { ProgressStatus } from '../progress/assessment.js';
import type { FeedEvent, FeedTarget } from './events.js';
import { targetKind } from '../feedback/target-kinds.js';
import { SYSTEM_REASON_WORDS, systemReasonOf } from '../plan/revision-reason.js';
import { withUnit } from '../plan/units.js';

/**
 * Atom 1.0 feeds of events (events.ts), rendered with the `feed` package. Entries carry stable tag
 * URIs (RFC 4151) built from what they report, never from when the feed was read, so a reader
 * that has seen an entry never sees it again as new; `updated` is when the event happened; links
 * go to the public pages; titles are in Chinese and English.
 */

export interface FeedSite {
  /** Absolute origin the links point to, e.g. https://gongping.example.org */
  origin: string;
  /** The tag URI authority (a DNS name the publisher holds), e.g. gongping.example.org */
  tagAuthority: string;
  planId: string;
  /** The plan's path prefix (`/plans/{planId}`): links and the feed's own address stay the plan's when another plan becomes current. */
  base: string;
  /** Updated time of a feed with no entries yet (the start of the plan period), ISO 8601. */
  quietSince: string;
}

export type FeedScope = { kind: 'plan' } | { kind: 'target'; target: FeedTarget };

/** The year in the tag URIs: when gongping's feeds began under the authority. Never change it. */
export const TAG_DATE = '2026';

/** Entries in one feed, newest first; older ones stay in the open data. */
export const MAX_ENTRIES = 200;

const STATUS: Record<ProgressStatus, { zh: string; en: string }> = {
  achieved: { zh: '已实现', en: 'achieved' },
  on_track: { zh: '进展顺利', en: 'on track' },
  needs_acceleration: { zh: '需加快', en: 'needs acceleration' },
  limited_progress: { zh: '进展有限', en: 'limited progress' },
  deteriorating: { zh: '倒退', en: 'deteriorating' },
  not_assessable: { zh: '无法评估', en: 'not assessable' },
};

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const collection = (target: FeedTarget) => targetKind(target.targetType).collection;
export const targetPagePath = (target: FeedTarget) => targetKind(target.targetType).pagePath(target.targetId);
export const feedPath = (scope: FeedScope, base = '') =>
  scope.kind === 'plan'
    ? `/api/v1${base}/feeds/plan.atom`
    : `/api/v1${base}/feeds/${collection(scope.target)}/${encodeURIComponent(scope.target.targetId)}.atom`;

const tag = (site: FeedSite, specific: string) => `tag:${site.tagAuthority},${TAG_DATE}:${site.planId}/${specific}`;

/** The stable id of an event's entry. */
export function entryId(site: FeedSite, event: FeedEvent): string {
  const base = `${collection(event.target)}/${event.target.targetId}`;
  switch (event.kind) {
    case 'observation':
      return tag(site, `${base}/values/${event.observation.year}/${event.observation.revision}`);
    case 'status-change':
      return tag(site, `${base}/status/${event.cause.year}/${event.cause.revision}`);
    case 'reply':
      return tag(site, `${base}/replies/${event.replyId}`);
    case 'case-closed':
      return tag(site, `${base}/cases/${event.caseId}/closed`);
  }
}

interface Rendered {
  zh: string;
  en: string;
  /** HTML, already escaped. */
  content: string;
  author: string;
}

/** A revision's reason: gongping's own in both languages, a person's as typed. */
function reasonText(reason: string): string {
  const code = systemReasonOf(reason);
  return code ? `${SYSTEM_REASON_WORDS[code].zh} / ${SYSTEM_REASON_WORDS[code].en}` : reason;
}

function render(event: FeedEvent): Rendered {
  const { nameZh, nameEn } = event.target;
  switch (event.kind) {
    case 'observation': {
      const o = event.observation;
      const corrected = o.revision > 1;
      const value = `${o.value}${event.unitZh}`;
      const details = [
        `<p>${escapeHtml(nameZh)}（${o.year}年）：<strong>${escapeHtml(value)}</strong>${corrected && event.previousValue !== null ? `，原为 ${escapeHtml(`${event.previousValue}${event.unitZh}`)}` : ''}。</p>`,
        `<p lang="en">${escapeHtml(nameEn)} (${o.year}): <strong>${escapeHtml(withUnit(o.value, event.unitEn))}</strong>${corrected && event.previousValue !== null ? `, was ${escapeHtml(withUnit(event.previousValue, event.unitEn))}` : ''}.</p>`,
        `<p>原因 / Reason: ${escapeHtml(reasonText(o.reason))}</p>`,
        `<p>公布 / Published by: ${escapeHtml(o.recordedBy)}${o.source ? `；来源 / Source: ${escapeHtml(o.source)}` : ''}；修订 / Revision ${o.revision}</p>`,
      ];
      return {
        zh: corrected ? `${nameZh} ${o.year}年数值更正为 ${value}` : `${nameZh} ${o.year}年数值公布：${value}`,
        en: corrected
          ? `${nameEn}: ${o.year} value corrected to ${withUnit(o.value, event.unitEn)}`
          : `${nameEn}: ${o.year} value published, ${withUnit(o.value, event.unitEn)}`,
        content: details.join('\n'),
        author: o.recordedBy,
      };
    }
    case 'status-change': {
      const from = STATUS[event.from];
      const to = STATUS[event.to];
      return {
        zh: `${nameZh} 进展状态：${from.zh} → ${to.zh}`,
        en: `${nameEn}: status ${from.en} → ${to.en}`,
        content: [
          `<p>${escapeHtml(nameZh)} 的进展状态由“${from.zh}”变为“${to.zh}”（因 ${event.cause.year} 年数值第 ${event.cause.revision} 版）。</p>`,
          `<p lang="en">The progress status of ${escapeHtml(nameEn)} changed from ${from.en} to ${to.en}, with revision ${event.cause.revision} of the ${event.cause.year} value.</p>`,
          '<p>计算方法 / Method: docs/status-method.md</p>',
        ].join('\n'),
        author: '共评 gongping',
      };
    }
    case 'reply':
      return {
        zh: `${nameZh} 留言获官方回复（${event.department}）`,
        en: `${nameEn}: official reply from ${event.departmentEn}`,
        content: `<p>${escapeHtml(event.department)}：</p>\n<blockquote>${escapeHtml(event.text)}</blockquote>`,
        author: event.department,
      };
    case 'case-closed': {
      const zh = event.outcome === 'rectified' ? '已整改' : '已解释说明';
      const en = event.outcome === 'rectified' ? 'rectified' : 'explained';
      return {
        zh: `${nameZh} 差评办结：${zh}${event.withinDeadline ? '' : '（超期）'}`,
        en: `${nameEn}: 差评 case closed, ${en}${event.withinDeadline ? '' : ' (after its deadline)'}`,
        content: [
          `<p>${event.answeredAt ? `已于 ${event.answeredAt.slice(0, 10)} 答复，历时 ${event.workingDays} 个工作日（时限 ${event.deadlineDays} 个工作日）${event.withinDeadline ? '，按时办结' : '，超期'}。` : `未答复即办结，历时 ${event.workingDays} 个工作日。`}</p>`,
          `<p lang="en">${event.answeredAt ? `Answered on ${event.answeredAt.slice(0, 10)}, after ${event.workingDays} working day(s) (deadline ${event.deadlineDays}): ${event.withinDeadline ? 'on time' : 'late'}.` : `Closed without a reply after ${event.workingDays} working day(s).`}</p>`,
          `<blockquote>${escapeHtml(event.summary)}</blockquote>`,
        ].join('\n'),
        author: '共评 gongping',
      };
    }
  }
}

/**
 * The events a feed shows, newest first. Events of the same moment keep their sources' order,
 * reversed: a status change comes above the value that caused it, as it happened after it.
 */
export function selectEvents(scope: FeedScope, events: readonly FeedEvent[]): FeedEvent[] {
  const inScope = events
    .map((event, index) => ({ event, index }))
    .filter(
      ({ event: e }) =>
        scope.kind === 'plan' ||
        (e.target.targetType === scope.target.targetType && e.target.targetId === scope.target.targetId),
    );
  return inScope
    .sort((a, b) => b.event.at.localeCompare(a.event.at) || b.index - a.index)
    .slice(0, MAX_ENTRIES)
    .map(({ event }) => event);
}

export function atomFeed(
  site: FeedSite,
  scope: FeedScope,
  allEvents: readonly FeedEvent[],
  plan: { titleZh: string; titleEn: string },
): string {
  const events = selectEvents(scope, allEvents);
  const self = `${site.origin}${feedPath(scope, site.base)}`;
  const about =
    scope.kind === 'plan'
      ? {
          zh: `${plan.titleZh}：进展动态`,
          en: 'Plan progress: new values, status changes, replies and closed cases',
          link: `${site.origin}${site.base}/`,
        }
      : {
          zh: `${scope.target.nameZh}：进展动态`,
          en: `${scope.target.nameEn}: new values, status changes, replies and closed cases`,
          link: `${site.origin}${site.base}${targetPagePath(scope.target)}`,
        };
  const feed = new Feed({
    id: tag(site, scope.kind === 'plan' ? 'feeds/plan' : `feeds/${collection(scope.target)}/${scope.target.targetId}`),
    title: `${about.zh} · ${about.en}`,
    description: plan.titleEn,
    link: about.link,
    feedLinks: { atom: self },
    updated: new Date(events[0]?.at ?? site.quietSince),
    generator: 'gongping',
    author: { name: '共评 gongping', link: `${site.origin}/` },
  });
  for (const event of events) {
    const text = render(event);
    const item: Item = {
      id: entryId(site, event),
      title: escapeHtml(`${text.zh} · ${text.en}`),
      link: `${site.origin}${site.base}${targetPagePath(event.target)}`,
      date: new Date(event.at),
      content: text.content,
      author: [{ name: text.author }],
      category: [{ term: event.kind }],
    };
    feed.addItem(item);
  }
  return feed.atom1();
}
