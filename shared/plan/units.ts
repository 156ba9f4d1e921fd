/**
 * English units that carry a Chinese counting word: the plan's 亿元 is "100 million yuan" and 万人次 "10,000
 * visits". "438.08 100 million yuan" reads as nonsense in English, so such a value is multiplied out and said
 * the English way ("43.808 billion yuan"), keeping every digit the plan printed.
 */
const SCALED_UNIT = /^(100 million|10,000) (.+)$/;
const SCALE: Record<string, number> = { '100 million': 1e8, '10,000': 1e4 };

/** How many significant digits a printed number has: "438.08" → 5, "0.50" → 2, "1,200" → 4. */
const significantDigits = (printed: string) => printed.replace(/[^0-9]/g, '').replace(/^0+/, '').length || 1;

function multipliedOut(value: string, unit: string): string | null {
  const scaled = SCALED_UNIT.exec(unit);
  const printed = value.replace(/,/g, '').trim();
  if (!scaled || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(printed)) return null;
  const amount = Number(printed) * SCALE[scaled[1]!]!;
  const number = new Intl.NumberFormat('en', {
    notation: Math.abs(amount) >= 1e6 ? 'compact' : 'standard',
    compactDisplay: 'long',
    maximumSignificantDigits: Math.min(21, significantDigits(printed)),
  }).format(amount);
  return `${number} ${scaled[2]!}`;
}

/** A value with its unit: "438.08 亿元", "43.808 billion yuan", but "21.79%" (a percent sign sits on its number). */
export function withUnit(value: string | number, unit: string): string {
  const printed = String(value);
  if (!unit) return printed;
  if (/^[%‰]/.test(unit)) return `${printed}${unit}`;
  return multipliedOut(printed, unit) ?? `${printed} ${unit}`;
}
