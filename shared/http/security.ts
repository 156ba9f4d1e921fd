import type { MiddlewareHandler } from 'hono';

/**
 * Headers every response carries, pages and API alike. A route that needs a different policy
 * (the web pages' CSP) sets it itself; these fill in whatever it did not set.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  // JSON and problem documents need nothing: a response loaded as a page cannot run or embed anything.
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  }
};
