import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { WebAssets } from './assets.js';
import { messages, negotiateLang, type Lang, type Messages } from './i18n.js';
import type { PlanPlace } from './citizen/place.js';

/** Preferences a citizen sets once and keeps: a year, like any site setting. */
export const LANG_COOKIE = 'lang';
export const ELDER_COOKIE = 'elder';
const PREFERENCE_MAX_AGE = 365 * 24 * 3600;

/** Query flags of the page a submission redirects to: what was recorded, opened or rated. */
export const CONFIRMATION_PARAMS = ['done', 'pending', 'case', 'rated'] as const;

/** What every page needs to know about the request it answers. */
export interface PageContext {
  lang: Lang;
  t: Messages;
  /** 适老化: larger type and higher contrast. */
  elder: boolean;
  /** This page's path and query, where the settings forms come back to. */
  path: string;
  assets: WebAssets;
  /** The site serves npm run demo's synthetic data: every page carries the sample-data banner. */
  sampleData?: boolean;
  /** A citizen page of one plan: which, and the prefix its links keep (absent on pages of no plan). */
  place?: PlanPlace;
}

export function pageContext(c: Context, assets: WebAssets): PageContext {
  const lang = negotiateLang(getCookie(c, LANG_COOKIE), c.req.header('accept-language'));
  const url = pageAddress(c);
  // A confirmation shows once: coming back from a settings form does not repeat it.
  for (const flag of CONFIRMATION_PARAMS) url.searchParams.delete(flag);
  return {
    lang,
    t: messages(lang),
    elder: getCookie(c, ELDER_COOKIE) === 'on',
    path: safeBack(url.pathname + url.search),
    assets,
    // Set on every request by the common middleware (shared/http/sample-data.ts); unset, no banner.
    sampleData: c.get('sampleData') === true,
  };
}

/**
 * The address of the page being shown, where the language and text-size forms send the reader back.
 * A form's error page is answered at the form's POST address, which has no page to come back to:
 * then it is the page the form was on, from the Referer (only forms of this site get this far, and
 * the site's Referrer-Policy sends a path only to itself; safeBack keeps it a path), else home.
 */
function pageAddress(c: Context): URL {
  const url = new URL(c.req.url);
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return url;
  const referer = c.req.header('referer');
  if (!referer || !URL.canParse(referer)) return new URL('/', url);
  const from = new URL(referer);
  return new URL(from.pathname + from.search, url);
}

export function setPreference(
  c: Context,
  name: typeof LANG_COOKIE | typeof ELDER_COOKIE,
  value: string,
  secure: boolean,
) {
  setCookie(c, name, value, { path: '/', maxAge: PREFERENCE_MAX_AGE, sameSite: 'Lax', secure, httpOnly: true });
}

/**
 * Where a form may send the browser back to: a path on this site only, never another origin
 * (`//evil.example`, `/\evil.example`, a scheme) and never a header-splitting character.
 */
export function safeBack(value: unknown): string {
  if (typeof value !== 'string' || value.length > 600) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- refusing control characters (header splitting) is the point
  if (/[\u0000-\u001f\u007f\s\\]/.test(value)) return '/';
  return value;
}
