import { Feed } from 'feed';
import type { CaseEvent, FollowUpCase } from '../cases/case.js';
import { escapeHtml, TAG_DATE } from './atom.js';

/**
 * The private Atom feed of one 差评 case: each step it took (opened, verified, rectified, replied,
 * closed, the citizen's verdict on the reply…) and each deadline it passed unanswered, newest
 * first. Read with the case's receipt code (its address carries it), so it says no more than the
 * citizen's own view: steps and the official reply, never who in the office did what, nor notes.
 */

/** A step as the feed names it, in both languages; `overdue` is the deadline passing unanswered. */
type CaseFeedKind = CaseEvent['action'] | 'overdue';
const WORDS: Record<CaseFeedKind, { zh: string; en: string }> = {
  open: { zh: '已立案', en: 'case opened' },
  verify: { zh: '核实中', en: 'being verified' },
  rectify: { zh: '整改中', en: 'being rectified' },
  reply: { zh: '已正式答复', en: 'official reply' },
  close: { zh: '已办结', en: 'closed' },
  assign: { zh: '已转交办理部门', en: 'assigned to a department' },
  satisfied: { zh: '评价满意，已办结', en: 'reply rated satisfactory, closed' },
  unsatisfied: { zh: '评价不满意，进入复核', en: 'reply rated unsatisfactory, under review' },
  overdue: { zh: '已超过答复期限', en: 'past its deadline without a reply' },
};

export interface CaseFeedEntry {
  kind: CaseFeedKind;
  at: string;
  /** Its place among the case's steps, or the deadline it passed: the entry's stable identity. */
  key: string;
  /** The official reply's text, for a reply, and its department (the case keeps the latest reply's). */
  reply: { department: string | null; text: string } | null;
}

/**
 * The entries of a case at `now`, newest first: its history, and a deadline passed while no reply
 * was given (the first deadline if the first reply came after it, or has not come; the one awaited
 * now, after a dispute, once it has passed).
 */
export function caseFeedEntries(c: FollowUpCase, now: Date): CaseFeedEntry[] {
  const replies = c.history.filter((step) => step.action === 'reply');
  const entries: CaseFeedEntry[] = c.history.map((step, index) => ({
    kind: step.action,
    at: step.at,
    key: `steps/${index}`,
    reply:
      step.action === 'reply'
        ? { department: replies.at(-1) === step ? (c.reply?.department ?? null) : null, text: step.note ?? '' }
        : null,
  }));
  const passed = new Set<string>();
  if (Date.parse(c.firstReplyAt ?? now.toISOString()) > Date.parse(c.firstDueAt)) passed.add(c.firstDueAt);
  if (c.dueAt !== null && now.getTime() > Date.parse(c.dueAt)) passed.add(c.dueAt);
  for (const dueAt of passed) entries.push({ kind: 'overdue', at: dueAt, key: `overdue/${dueAt}`, reply: null });
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * The feed as Atom. `self` is its own address (with the code), `link` where a person opens the
 * case (the look-up page: no code in it); ids are tag URIs under `tagAuthority`.
 */
export function caseAtomFeed(
  c: FollowUpCase,
  site: { self: string; link: string; tagAuthority: string; targetZh: string; targetEn: string },
  now: Date,
): string {
  const entries = caseFeedEntries(c, now);
  const tag = (specific: string) => `tag:${site.tagAuthority},${TAG_DATE}:cases/${c.caseId}/${specific}`;
  const feed = new Feed({
    id: tag('feed'),
    title: `差评办理进度：${site.targetZh} · Case progress: ${site.targetEn}`,
    description: `案件编号 / Case ${c.caseId}`,
    link: site.link,
    feedLinks: { atom: site.self },
    updated: new Date(entries[0]?.at ?? c.openedAt),
    generator: 'gongping',
    author: { name: '共评 gongping' },
  });
  for (const entry of entries) {
    const words = WORDS[entry.kind];
    const content = [
      `<p>${words.zh} · <span lang="en">${words.en}</span></p>`,
      ...(entry.reply
        ? [
            ...(entry.reply.department === null ? [] : [`<p>${escapeHtml(entry.reply.department)}：</p>`]),
            `<blockquote>${escapeHtml(entry.reply.text)}</blockquote>`,
          ]
        : []),
    ].join('\n');
    feed.addItem({
      id: tag(entry.key),
      title: escapeHtml(`${site.targetZh}：${words.zh} · ${site.targetEn}: ${words.en}`),
      link: site.link,
      date: new Date(entry.at),
      content,
      category: [{ term: entry.kind }],
    });
  }
  return feed.atom1();
}
