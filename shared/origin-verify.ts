import { timingSafeEqual } from 'node:crypto';

/**
 * The header CloudFront adds to every request it sends to the API, carrying a secret it shares
 * with the API (the app stack's origin-verify secret). A request without it reached the API
 * Gateway URL directly, around CloudFront and its WAF.
 */
export const ORIGIN_VERIFY_HEADER = 'x-gongping-origin';

/** The secret's least length; shorter, the check fails closed. */
export const ORIGIN_VERIFY_MIN_LENGTH = 32;

/** Whether `given` is the secret, compared in constant time; never true for a missing or short secret. */
export function carriesOriginSecret(given: string | undefined, expected: string): boolean {
  const want = Buffer.from(expected, 'utf8');
  const value = Buffer.from(given ?? '', 'utf8');
  return want.length >= ORIGIN_VERIFY_MIN_LENGTH && value.length === want.length && timingSafeEqual(value, want);
}
