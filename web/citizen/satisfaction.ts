import type { Proportion } from '../../shared/ratings/statistics.js';
import { formatShare } from '../format.js';
import type { Lang, Messages } from '../i18n.js';

/**
 * The one rule for showing citizens' satisfaction, on every page that shows it: below the plan's
 * minimum number of ratings (the same minimum that keeps a target out of the ranks) no share is
 * shown, only that there are too few to summarise — one rating would otherwise read as "0.0%
 * satisfied" with an interval spanning most of the scale. Every caller shows the count beside it.
 */
export interface RatedShare {
  count: number;
  satisfaction: Proportion | null;
  /** Fewer ratings than the minimum (`tooFewToRank` of a summary, `tooFew` of a verdict). */
  tooFew: boolean;
}

/**
 * The satisfied share, or why there is none: with its 95% interval named (`interval`), with the
 * interval alone under a column that names it (`column`), or the share alone (`share`, list rows).
 */
export function satisfactionShown(
  t: Messages,
  lang: Lang,
  rated: RatedShare,
  form: 'interval' | 'column' | 'share' = 'interval',
): string {
  const s = rated.satisfaction;
  if (rated.count === 0 || !s) return t.noRatingsShort;
  if (rated.tooFew) return t.tooFewToSummarise;
  const [share, lower, upper] = [s.share, s.lower, s.upper].map((x) => formatShare(x, lang)) as [
    string,
    string,
    string,
  ];
  if (form === 'share') return share;
  return form === 'column' ? t.verdictsInterval(share, lower, upper) : t.satisfactionValue(share, lower, upper);
}
