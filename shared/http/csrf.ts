import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';

/**
 * The HTML forms (`POST /feedback`, `POST /settings`) carry the voter's cookie, so they take posts
 * from this site's own pages only. hono/csrf passes a form post whose `Sec-Fetch-Site` is
 * `same-origin` or whose `Origin` is this site (the request's own origin, or SITE_URL behind
 * CloudFront); one with neither is refused. A browser that says `cross-site` is refused whatever
 * else the request carries.
 */
export function formsFromThisSite(deps: { siteUrl: string | null }): MiddlewareHandler {
  const site = deps.siteUrl ? new URL(deps.siteUrl).origin : null;
  const check = csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === site });
  const refuse = (c: Context) =>
    c.text('Forms are accepted from this site only.', 403, { 'Cache-Control': 'no-store' });
  return async (c, next) => {
    if (c.req.header('sec-fetch-site') === 'cross-site') return refuse(c);
    try {
      await check(c, async () => {});
    } catch (error) {
      if (error instanceof HTTPException && error.status === 403) return refuse(c);
      throw error;
    }
    await next();
  };
}

/** The hidden field with the signed time the form was served, and the honeypot bots fill in. */
export const FORM_STAMP_FIELD = 'issued';
export const HONEYPOT_FIELD = 'website';

/** A form served longer ago than this is refused (the citizen reloads the page and submits again). */
export const FORM_STAMP_MAX_AGE_MS = 24 * 3600 * 1000;

export type FormStampCheck = 'ok' | 'tooFast' | 'invalid' | 'expired';

export interface FormStamps {
  /** Seconds a person takes at least between the form being served and submitted. */
  minSeconds: number;
  /** `<ms since epoch, base36>.<mac>`: nothing is stored, the MAC tells ours from forged ones. */
  issue(now: Date): string;
  check(stamp: unknown, now: Date): FormStampCheck;
}

/**
 * Form stamps keyed with a key derived from the voter-token secret (a different key: a stamp is
 * never a valid voter token or address hash, nor the other way round).
 */
export function formStamps(secret: string, minSeconds = 3): FormStamps {
  const key = createHmac('sha256', secret).update('gongping form stamp v1').digest();
  const mac = (issued: string) => createHmac('sha256', key).update(issued).digest().subarray(0, 16);
  return {
    minSeconds,
    issue(now) {
      const issued = now.getTime().toString(36);
      return `${issued}.${mac(issued).toString('base64url')}`;
    },
    check(stamp, now) {
      if (typeof stamp !== 'string') return 'invalid';
      const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(stamp);
      if (!match) return 'invalid';
      const [, issued, signature] = match as unknown as [string, string, string];
      if (!timingSafeEqual(Buffer.from(signature, 'base64url'), mac(issued))) return 'invalid';
      const age = now.getTime() - parseInt(issued, 36);
      if (age > FORM_STAMP_MAX_AGE_MS) return 'expired';
      // A stamp from the future (a forged clock cannot be: it is signed) is only a skewed container.
      return age < minSeconds * 1000 ? 'tooFast' : 'ok';
    },
  };
}

/**
 * Whether a form post looks like a bot's: the honeypot filled in, or a stamp that is forged,
 * expired or too fresh for a person. Null when it passed; else which check failed (for the log)
 * and what to tell the person, who simply submits again.
 */
export function botCheck(
  body: Record<string, unknown>,
  stamps: FormStamps,
  now: Date,
): { reason: 'honeypot' | Exclude<FormStampCheck, 'ok'>; error: 'notPerson' | 'formExpired' } | null {
  const honeypot = body[HONEYPOT_FIELD];
  const stamp = stamps.check(body[FORM_STAMP_FIELD], now);
  if ((honeypot === undefined || honeypot === '') && stamp === 'ok') return null;
  return {
    reason: stamp === 'ok' ? 'honeypot' : stamp,
    error: stamp === 'invalid' || stamp === 'expired' ? 'formExpired' : 'notPerson',
  };
}
