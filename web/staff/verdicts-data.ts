import type { PublishedComment } from '../../shared/feedback/record.js';
import type { AppDeps } from '../../shared/http/deps.js';
import type { Verdict } from '../../shared/verdicts/verdicts.js';

/** How many of a target's most recent published comments the dashboard reads, and how many it shows. */
const COMMENTS_READ = 20;
const COMMENTS_SHOWN = 3;

export interface Disagreement {
  verdict: Verdict;
  /** The most recent published comments, newest first. */
  comments: PublishedComment[];
  /** Of the comments read (up to COMMENTS_READ), how many are 差评 (a rating of 1 or 2). */
  read: number;
  bad: number;
}

/**
 * The targets whose two verdicts disagree, paper progress first, then quiet success (the stored
 * order), each with the comments that may explain it. Null before the aggregation has run.
 */
export async function disagreements(
  deps: Pick<AppDeps, 'verdicts' | 'feedback'>,
  planId: string,
): Promise<Disagreement[] | null> {
  const document = await deps.verdicts.get(planId, 'all');
  if (!document) return null;
  const disagreeing = document.verdicts.filter((v) => v.region === 'paper-progress' || v.region === 'quiet-success');
  return Promise.all(
    disagreeing.map(async (verdict) => {
      const { items } = await deps.feedback.publishedComments(
        { planId, targetType: verdict.targetType, targetId: verdict.targetId },
        { limit: COMMENTS_READ },
      );
      return {
        verdict,
        comments: items.slice(0, COMMENTS_SHOWN),
        read: items.length,
        bad: items.filter((c) => c.rating <= 2).length,
      };
    }),
  );
}
