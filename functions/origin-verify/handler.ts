import { carriesOriginSecret, ORIGIN_VERIFY_HEADER } from '../../shared/origin-verify.js';

/**
 * API Gateway (HTTP API) Lambda authorizer for the public routes: lets a request through only if it
 * carries the header CloudFront adds on its way to the origin, with the value both were given from
 * one Secrets Manager secret. A request sent straight to the execute-api URL, around CloudFront and
 * its WAF, is refused before any app function runs (the app functions check the same header again,
 * for every route, staff routes included: those sit behind the JWT authorizer instead of this one).
 * API Gateway caches the answer per header value (an hour), so this runs a few times an hour.
 */
export { ORIGIN_VERIFY_HEADER };

const expected = process.env.ORIGIN_VERIFY_VALUE ?? '';

interface AuthorizerEvent {
  headers?: Record<string, string | undefined>;
}

// Fails closed when the function has no value configured.
// The Node.js runtime waits on a returned promise; a plain return value would need the callback form.
export const handler = (event: AuthorizerEvent): Promise<{ isAuthorized: boolean }> =>
  Promise.resolve({ isAuthorized: carriesOriginSecret(event.headers?.[ORIGIN_VERIFY_HEADER], expected) });
