import { TextTooLongError } from '../errors.js';
/**
 * Personal data in citizens' comments, found and masked before anyone (a moderator included)
 * sees the text. What is found: mainland mobile numbers (and landlines written with an area
 * code), numbers shaped like 18-character resident identity numbers (GB 11643-1999) or bank card
 * numbers whatever their check digits, e-mail addresses, disguised ones too (a.b [at] c.cn), and
 * street addresses down to a house, building, unit or room number; all read as a reader sees them:
 * through invisible characters, in full-width and other digit forms, numbers in Chinese numerals.
 * Measured on a labelled corpus in tests/unit/pii-corpus.test.ts.
 *
 * The detectors are deliberately narrow where numbers are common in this domain: indicator
 * values (438.08亿元), years and dates, work-order numbers and document numbers (国办发〔2019〕51号)
 * must pass through untouched, or comments about a plan would lose their substance.
 */

/** Of two overlapping finds of the same length, the one whose kind comes first here is kept. */
export const PII_KINDS = ['id-card', 'bank-card', 'email', 'phone', 'address'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}

/** What replaces each kind in a stored comment: says what was there, keeps nothing of it. */
export const PII_PLACEHOLDERS: Record<PiiKind, string> = {
  'id-card': '【已隐去：身份证号】',
  'bank-card': '【已隐去：银行卡号】',
  email: '【已隐去：邮箱】',
  phone: '【已隐去：电话】',
  address: '【已隐去：地址】',
};

/**
 * Characters nobody sees: format characters (Unicode Cf: zero-width spaces and joiners, the soft
 * hyphen, the word joiner, the BOM, bidi controls, tag characters), the combining grapheme joiner,
 * variation selectors and the Hangul fillers, which draw nothing. Between the digits of a phone
 * number they hide it from a detector while a reader still sees the number, and a moderator
 * cannot see them to remove them; so comments are stored without them (normaliseComment).
 */
export const INVISIBLE = /[\p{Cf}\p{Variation_Selector}\u034f\u115f\u1160\u3164\uffa0]/gu;

/** Not read when matching: the invisible characters and marks drawn on a character (1⃣ is a 1). */
const UNREAD = new RegExp(`${INVISIBLE.source}|\\p{M}`, 'u');

const DASH = /[\u2010-\u2015\u2212\ufe58\ufe63]/;

/**
 * A character as it reads: full-width forms and the ideographic space as ASCII, every dash as a
 * hyphen (138–1234–5678), and a digit in another form (①, 𝟏, ¹) as that digit.
 */
function readAs(ch: string): string {
  if (ch === '\u3000') return ' ';
  if (ch >= '\uff01' && ch <= '\uff5e') return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  if (DASH.test(ch)) return '-';
  const compatible = ch.normalize('NFKC');
  return /^\d$/.test(compatible) ? compatible : ch;
}

/** Chinese numerals that name one digit, as a number is read out (幺 for 1) or written on a cheque (壹). */
const CHINESE_DIGITS: Record<string, string> = Object.fromEntries(
  ['〇零', '一幺壹', '二贰貳', '三叁參', '四肆', '五伍', '六陆陸', '七柒', '八捌', '九玖'].flatMap((names, digit) =>
    [...names].map((name) => [name, String(digit)]),
  ),
);

interface Reading {
  /** The text as it reads, for the detectors to match in. */
  text: string;
  /**
   * `text` with Chinese numerals as digits (一三八一二三四五六七八 is a mobile number), for the
   * number detectors only: the address detectors read 三号楼 as it is.
   */
  numeric: string;
  /** Where each unit of `text` came from in the original, and the original's length at the end. */
  at: number[];
}

/**
 * The text as a reader takes it in, with unread characters skipped and each character read as
 * readAs does, so that what a reader sees as a phone number is matched as one wherever the
 * text came from (a staff reply is not normalised like a comment). Finds map back to the original
 * through `at`; a find's end maps to the next character read, so it takes the unread ones
 * after it too.
 */
function read(original: string): Reading {
  let text = '';
  let numeric = '';
  const at: number[] = [];
  let i = 0;
  for (const ch of original) {
    if (!UNREAD.test(ch)) {
      const seen = readAs(ch);
      text += seen;
      numeric += CHINESE_DIGITS[ch] ?? seen;
      for (let unit = 0; unit < seen.length; unit++) at.push(i);
    }
    i += ch.length;
  }
  at.push(original.length);
  return { text, numeric, at };
}

// ---- identity and card numbers, by shape ----------------------------------------------------
//
// Neither the identity number's check digit (GB 11643-1999) nor the card's Luhn digit is asked:
// a number with one digit mistyped still shows seventeen digits of someone's identity or card,
// and what is published is better masked by mistake than shown by mistake.

function isValidDate(yyyymmdd: string, minYear = 1900, maxYear = 2100): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < minYear || year > maxYear || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Shaped like an identity number: 18 characters, a region code (first digit 1–8) and a real birth date. */
export const idShaped = (id: string) => /^[1-8]\d{16}[\dX]$/.test(id) && isValidDate(id.slice(6, 14));

/** Issuer prefixes of the cards used in China: UnionPay 62/60/9, Visa 4, Mastercard 51–55 and 2221–2720, JCB/Amex 3. */
const plausibleIssuer = (digits: string) =>
  /^(3[47]|35|4|5[1-5]|6|9)/.test(digits) || (Number(digits.slice(0, 4)) >= 2221 && Number(digits.slice(0, 4)) <= 2720);

/** Shaped like a bank card number: 16–19 digits starting with an issuer's prefix. */
export const cardShaped = (digits: string) => /^\d{16,19}$/.test(digits) && plausibleIssuer(digits);

/**
 * Written as people copy a number from a card: whole, in groups of three digits or more (the last
 * may be shorter: 6222 0212 3456 7890 128, 370112 19900101 123X), or one digit at a time; not
 * several small numbers in a row (2021 3 5 …).
 */
function grouped(value: string): boolean {
  const groups = value.split(/[\s-]/);
  return groups.slice(0, -1).every((g) => g.length >= 3) || groups.every((g) => g.length === 1);
}

const CARD_CONTEXT = /(卡号|银行卡|储蓄卡|信用卡|借记卡|账号|帐号|card|account)[^\d]{0,6}$/i;

/**
 * An identity or card number by its shape, if `value` is written like one. An 18-digit number can
 * be both; it is an identity number unless the words before it say card or account (卡号, 账号).
 */
function numberKind(value: string, before: string): 'id-card' | 'bank-card' | null {
  if (!grouped(value)) return null;
  const chars = value.replace(/[\s-]/g, '').toUpperCase();
  const card = cardShaped(chars);
  if (idShaped(chars) && !(card && CARD_CONTEXT.test(before))) return 'id-card';
  return card ? 'bank-card' : null;
}

// ---- patterns -------------------------------------------------------------------------------

// No letter, digit or decimal point may touch a number on either side: 13812345678 inside a
// longer digit run, or 13.812345678, is not a phone number.
const B = '(?<![0-9A-Za-z.])';
const E = '(?![0-9A-Za-z]|\\.\\d)';
/** A number followed by a unit is an amount or a count (18000000000元), whatever its digits. */
const NOT_AMOUNT = '(?!\\s?(?:元|亿|万|千|百|%|个|人|户|吨|米|次|年|平方|公里))';
const CN = '一二三四五六七八九十百零〇两';
const NUM = `(?:\\d{1,5}|[${CN}]{1,4})`;

// Written grouped with spaces, hyphens or dots too (138 1234 5678, 138-1234-5678, 138.1234.5678).
const MOBILE = new RegExp(`${B}(?:(?:\\+|00)?86[\\s-]?)?1[3-9]\\d(?:[\\s.-]?\\d{4}){2}${E}${NOT_AMOUNT}`, 'g');
// Or digit by digit with the same separator throughout (1 3 8 1 2 3 4 5 6 7 8), as typed to slip
// past a filter; the whole run, so a list of small numbers (1 3 5 7 9 11) is not one.
const SPACED_MOBILE = new RegExp(
  `${B}(?<!\\d(?:[^\\S\\n]{1,2}|[.-]))1([^\\S\\n]{1,2}|[.-])[3-9](?:\\1\\d){9}(?!\\1?\\d|[A-Za-z])${NOT_AMOUNT}`,
  'g',
);
// The area code (never 00…, the international prefix) in brackets or followed by a hyphen or a space, not
// continuing a grouped number before it; the local number whole or as 4+4 (0595 2212 3456).
const LANDLINE = new RegExp(
  `${B}(?<!\\d[\\s-])(?:\\(0[1-9]\\d{1,2}\\)\\s?|0[1-9]\\d{1,2}[\\s-])[2-8]\\d{2,3}[\\s-]?\\d{4}${E}${NOT_AMOUNT}`,
  'g',
);
// 16 to 19 digits (an identity number's last may be X), with a space or hyphen between any two;
// what the number is, if anything, is decided by numberKind.
const LONG_NUMBER = new RegExp(`${B}\\d(?:[\\s-]?\\d){14,17}[\\s-]?[\\dXx]${E}${NOT_AMOUNT}`, 'g');

// E-mail addresses, with the @ and the dots also as people disguise them from harvesters:
// a.b [at] c.cn, (at), 【@】, 艾特, spaces around the @; c[dot]cn, c(dot)cn, c点cn, c dot cn.
const LOCAL_PART = '(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9])?';
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const bracketed = (words: string) => `\\s*[\\[(【{<]\\s*(?:${words})\\s*[\\])】}>]\\s*`;
const AT = `(?:\\s*@\\s*|${bracketed('at|@|艾特')}|\\s*艾特\\s*)`;
const DOT = `(?:\\.|${bracketed('dot|点|\\.')}|\\s+dot\\s+|点)`;
const DOMAIN = `${LABEL}(?:${DOT}${LABEL})*${DOT}[A-Za-z]{2,24}(?![A-Za-z0-9@-])`;
const EMAIL = new RegExp(`${LOCAL_PART}${AT}${DOMAIN}`, 'gi');
// And with "at" as a plain word (zhang.wei at qq.com), which prose has too ("look at example.com").
const EMAIL_SAID = new RegExp(`${LOCAL_PART}\\s+at\\s+${DOMAIN}`, 'gi');
const MAIL_PROVIDER =
  /^(?:qq|163|126|yeah|139|189|sina|sohu|aliyun|foxmail|gmail|outlook|hotmail|live|yahoo|icloud)\b/i;

/**
 * "x at y.z" is an address, not prose, when the name has what words do not (a digit, a dot, an
 * underscore: a.b, lihua88), the dot is disguised too (qq dot com), the domain is a mail
 * provider's (qq.com, 163.com), or it follows Chinese or a colon (邮箱zhaolei at jn.gov.cn), where
 * no English sentence goes on.
 */
function saidAddress(value: string, before: string): boolean {
  const [local = '', domain = ''] = value.split(/\s+at\s+/i);
  return (
    /[\d._%+-]/.test(local) ||
    !/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/.test(domain) ||
    MAIL_PROVIDER.test(domain) ||
    /[\u3400-\u9fff:]\s*$/.test(before)
  );
}

/** Building, unit and room: 3号楼2单元502室, 5栋1201, 2单元301, 12幢3单元, 1502室. Never a year or an amount. */
const BUILDING = `${NUM}\\s*(?:号楼|栋|幢|座)`;
const UNIT = `${NUM}\\s*单元`;
const ROOM = `\\d{2,4}\\s*(?:室|号|户)?(?![\\d年月日万亿元个%.])`;
const DWELLING = `(?:${BUILDING}\\s*(?:${UNIT}\\s*)?${ROOM}|${BUILDING}\\s*${UNIT}(?:\\s*${ROOM})?|${UNIT}\\s*${ROOM}|\\d{3,4}\\s*室)`;
/** A road, lane or village with a house number: 历山路123号, 经十路88号院, 王家村15号, 123弄4号. Not 2号线. */
const STREET = `(?:大街|大道|胡同|路|街|巷|弄|村)\\s*${NUM}\\s*(?:号院|号楼|号|弄)(?![线文令])(?:\\s*${NUM}\\s*号)?`;
/** Shanghai-style lanes: 长乐路123弄4号. */
const LANE = `\\d{1,5}\\s*弄\\s*${NUM}\\s*号`;
const STREET_ADDRESS = new RegExp(`(?:${LANE}|${STREET})(?:\\s*${DWELLING})?`, 'g');
const DWELLING_ADDRESS = new RegExp(DWELLING, 'g');
/** What an estate's name ends with, when a building number follows it: 阳光小区3号楼2单元. */
const ESTATE = /(?:小区|花园|家园|新村|公寓|社区|苑|园|城|府|庭|居)$/;
const ADDRESS_EN =
  /\b(?:No\.\s*)?\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Boulevard|Blvd)\b\.?|\b(?:Room|Rm|Apt|Apartment|Flat)\.?\s*#?\d{2,5}\b/g;

/** Characters a road name never starts after: verbs and prepositions of "I live at". */
const NAME_STOP = /[在住于是到从址家为和与及、的了：:，,。；;！!？?\s（(「“"'】\]号]/;

/** Extends an address match back over the road or estate name before it (历山路 in 历山路123号). */
function addressStart(text: string, start: number): number {
  let i = start;
  while (i > 0 && start - i < 10) {
    const ch = text[i - 1]!;
    if (!/[\u4e00-\u9fff]/.test(ch) || NAME_STOP.test(ch)) break;
    i--;
  }
  return i;
}

function* matches(pattern: RegExp, text: string) {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text))
    yield { start: m.index, end: m.index + m[0].length, value: m[0] };
}

/** Every piece of personal data found in `text`, without overlaps, in order. */
export function detectPii(text: string): PiiMatch[] {
  const { text: folded, numeric, at } = read(text);
  const candidates: PiiMatch[] = [];
  const add = (kind: PiiKind, start: number, end: number) =>
    candidates.push({ kind, start: at[start]!, end: at[end]! });

  for (const m of matches(LONG_NUMBER, numeric)) {
    const kind = numberKind(m.value, numeric.slice(Math.max(0, m.start - 12), m.start));
    if (kind) add(kind, m.start, m.end);
  }
  for (const m of matches(EMAIL, folded)) add('email', m.start, m.end);
  for (const m of matches(EMAIL_SAID, folded))
    if (saidAddress(m.value, folded.slice(Math.max(0, m.start - 2), m.start))) add('email', m.start, m.end);
  for (const pattern of [MOBILE, SPACED_MOBILE, LANDLINE])
    for (const m of matches(pattern, numeric)) add('phone', m.start, m.end);
  for (const m of matches(STREET_ADDRESS, folded)) add('address', addressStart(folded, m.start), m.end);
  for (const m of matches(DWELLING_ADDRESS, folded)) {
    const estate = ESTATE.exec(folded.slice(Math.max(0, m.start - 4), m.start));
    add('address', estate ? addressStart(folded, m.start) : m.start, m.end);
  }
  for (const m of matches(ADDRESS_EN, folded)) {
    const year = /^(?:No\.\s*)?(\d{4})\s/.exec(m.value);
    if (year && Number(year[1]) >= 1900 && Number(year[1]) <= 2100) continue; // "in 2025 Jingshi Road…" is a year
    add('address', m.start, m.end);
  }

  // Overlapping finds of one kind are one find (a street address and the flat after it).
  candidates.sort((a, b) => a.start - b.start);
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      const [a, b] = [candidates[i]!, candidates[j]!];
      if (a.kind === b.kind && b.start < a.end) {
        a.end = Math.max(a.end, b.end);
        candidates.splice(j--, 1);
      }
    }
  }
  // Longest first, then in the order of PII_KINDS: an e-mail that starts with a phone number is one e-mail.
  const rank = (m: PiiMatch) => PII_KINDS.indexOf(m.kind);
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || a.start - b.start);
  const kept: PiiMatch[] = [];
  for (const c of candidates) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export interface MaskedText {
  text: string;
  /** How many of each kind were masked; empty when nothing was. */
  found: Partial<Record<PiiKind, number>>;
}

/** maskPii, refusing text whose masked form is longer than `max`, which the store would not keep. */
export function maskPiiWithin(text: string, max: number): MaskedText {
  // Staff replies and notes come here without a comment's normalisation: what nobody can see goes
  // here too, so that what is kept is exactly what was masked.
  const masked = maskPii(text.replace(INVISIBLE, ''));
  if (masked.text.length > max)
    throw new TextTooLongError(
      `the text is ${masked.text.length} characters once personal data is masked; at most ${max} are kept`,
    );
  return masked;
}

/** The text with every piece of personal data replaced by a placeholder naming its kind. */
export function maskPii(text: string): MaskedText {
  const found: Partial<Record<PiiKind, number>> = {};
  let masked = '';
  let at = 0;
  for (const m of detectPii(text)) {
    masked += text.slice(at, m.start) + PII_PLACEHOLDERS[m.kind];
    at = m.end;
    found[m.kind] = (found[m.kind] ?? 0) + 1;
  }
  return { text: masked + text.slice(at), found };
}
