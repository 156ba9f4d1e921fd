import type { ProjectStatus } from '../../shared/plan/schema.js';
import type { ProgressStatus } from '../../shared/progress/assessment.js';
import type { Verdict } from '../../shared/verdicts/verdicts.js';
import { formatNumber } from '../format.js';
import type { Lang, Messages } from '../i18n.js';
import { satisfactionShown } from './satisfaction.js';

/**
 * A verdict in words, the same on the verdicts page, in its chart, on an indicator's page and on
 * the monitors' dashboard.
 */

/** The official status by name: an indicator's computed one, a project's reported one. */
export const officialName = (t: Messages, v: Verdict) =>
  v.targetType === 'project'
    ? t.projectStatus(v.official.status as ProjectStatus)
    : t.statusName(v.official.status as ProgressStatus);

/** The satisfied share and its 95% interval, or why there is none (web/citizen/satisfaction.ts). */
export const satisfactionText = (t: Messages, lang: Lang, v: Verdict): string =>
  satisfactionShown(t, lang, v.citizens, 'column');

/** The region, and for an undetermined target why. */
export const regionText = (t: Messages, v: Verdict) =>
  v.reason ? `${t.region(v.region)} — ${t.undeterminedReason(v.reason)}` : t.region(v.region);

/** The progress ratio as a plain figure, or null where there is none. */
export const ratioText = (lang: Lang, v: Verdict) =>
  v.official.ratio === null ? null : formatNumber(v.official.ratio, lang);
