import type { PublishedComment } from './record.js';
import type { TargetType } from './target.js';

/**
 * A plan's published comments, read across its targets in whatever order the store keeps them,
 * grouped target by target in the order `targets` lists them (the plan's), each target's newest
 * first as its public list shows them (by when published, then id, as its index sorts them).
 * Comments of targets not listed are left out.
 */
export function commentsByTarget<T extends { targetType: TargetType; targetId: string }>(
  targets: readonly T[],
  comments: readonly PublishedComment[],
): Array<{ target: T; comments: PublishedComment[] }> {
  const groups = new Map(
    targets.map((target) => [
      `${target.targetType}#${target.targetId}`,
      { target, comments: [] as PublishedComment[] },
    ]),
  );
  for (const comment of comments) groups.get(`${comment.targetType}#${comment.targetId}`)?.comments.push(comment);
  // By code unit, as the index sorts its (ASCII) keys: not by locale.
  const sortKey = (c: PublishedComment) => `${c.publishedAt}#${c.feedbackId}`;
  const newestFirst = (a: PublishedComment, b: PublishedComment) =>
    sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : 0;
  return [...groups.values()].map((group) => ({ ...group, comments: group.comments.sort(newestFirst) }));
}
