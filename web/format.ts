import type { Cell } from '../shared/plan/schema.js';
import { withUnit } from '../shared/plan/units.js';
import type { Lang, Messages } from './i18n.js';

export { withUnit };

/**
 * Numbers as people read them. Values from the plan keep the text they were published with
 * (`raw`); computed values get as many digits as they need to be told apart, and no more.
 */
export function formatNumber(value: number, lang: Lang): string {
  const magnitude = Math.abs(value);
  const options: Intl.NumberFormatOptions =
    magnitude !== 0 && magnitude < 1
      ? { maximumSignificantDigits: 3 }
      : { maximumFractionDigits: magnitude >= 1000 ? 0 : 2 };
  return new Intl.NumberFormat(lang, { ...options, useGrouping: magnitude >= 10_000 }).format(value);
}

/** A share 0..1 as a percentage with one decimal: 0.756 → "75.6%". */
export function formatShare(share: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    share,
  );
}

/** A fraction per year (0.0821) as percent digits ("8.21"), without the sign. */
export const percentDigits = (fraction: number, lang: Lang) => formatNumber(fraction * 100, lang);

/** A cell of the plan as printed: its number with the unit, its statement, or "not given". */
export function formatCell(cell: Cell, unit: string, t: Messages): string {
  if (cell.kind === 'number') return withUnit(cell.raw, unit);
  if (cell.kind === 'qualitative') return cell.text;
  return t.notGiven;
}

/** A date in China Standard Time, the time the plan and the rating year are counted in: 2025-06-15. */
export function formatDate(iso: string): string {
  const cst = new Date(Date.parse(iso) + 8 * 3600_000);
  return cst.toISOString().slice(0, 10);
}

export function formatDateTime(iso: string): string {
  const cst = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${cst.toISOString().slice(0, 16).replace('T', ' ')}`;
}
