import { timingSafeEqual } from 'node:crypto';

/**
 * API Gateway (HTTP API) Lambda authorizer for the public routes: lets a request through only if it
 * carries the header CloudFront adds on its way to the origin, with the value both were given from
 * one Secrets Manager secret. A request sent straight to the execute-api URL, around CloudFront and
 * its WAF, is refused, so the app may trust CloudFront-Viewer-Address for its per-address limits.
 * API Gateway caches the answer per header value (an hour), so this runs a few times an hour.
 */
export const ORIGIN_VERIFY_HEADER = 'x-gongping-origin';

const expected = Buffer.from(process.env.ORIGIN_VERIFY_VALUE ?? '', 'utf8');

interface AuthorizerEvent {
  headers?: Record<string, string | undefined>;
}

export const handler = async (event: AuthorizerEvent): Promise<{ isAuthorized: boolean }> => {
  // Fails closed when the function has no value configured.
  if (expected.length < 32) return { isAuthorized: false };
  const given = Buffer.from(event.headers?.[ORIGIN_VERIFY_HEADER] ?? '', 'utf8');
  return { isAuthorized: given.length === expected.length && timingSafeEqual(given, expected) };
};
