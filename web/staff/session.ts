import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Role } from '../../shared/auth/roles.js';
import { AuthError, type StaffIdentity } from '../../shared/auth/verifier.js';
import type { StaffEnv } from '../../shared/http/staff-auth.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { safeBack } from '../context.js';

/** The signed-in staff member's ID token. SameSite=Strict: no other site's page or form ever carries it. */
export const SESSION_COOKIE = 'gp_staff';
/** The sign-in in progress (state, nonce, PKCE verifier). Lax, so it survives the provider's redirect back. */
export const SIGN_IN_COOKIE = 'gp_signin';
export const SIGN_IN_PATH = '/auth/sign-in';

export function setSession(c: Context, token: string, identity: StaffIdentity, secure: boolean) {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'Strict',
    expires: identity.expiresAt,
  });
}

export const clearSession = (c: Context, secure: boolean) =>
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, secure, sameSite: 'Strict' });

/** Where to send someone who must sign in first, to come back to `path` (a page of this site) afterwards. */
export const signInHref = (path: string) => `${SIGN_IN_PATH}?${new URLSearchParams({ return: safeReturn(path) })}`;

/** Back to a staff page only: sign-in never becomes an open redirect, nor a way into the citizen site's state. */
export function safeReturn(value: unknown): string {
  const path = safeBack(value);
  return path === '/staff' || path.startsWith('/staff/') || path.startsWith('/staff?') ? path : '/staff';
}

export type Refusal = 'not-configured' | 'forbidden' | 'unavailable';

/**
 * Staff pages: the session cookie's ID token, verified on every request exactly as a bearer token
 * is (signature, issuer, audience, expiry), then one of `roles`. No session, or one that expired
 * or does not verify: off to sign in, and back here afterwards (a form post comes back to its
 * page). A genuine session without the role: `refuse` answers (a 403 page).
 */
export function staffSession(
  deps: Pick<AppDeps, 'staffAuth' | 'signIn' | 'cookieSecure' | 'logger'>,
  roles: readonly Role[],
  refuse: (c: Context<StaffEnv>, why: Refusal, roles: readonly Role[]) => Response | Promise<Response>,
): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    if (!deps.staffAuth || !deps.signIn) return refuse(c, 'not-configured', roles);
    const url = new URL(c.req.url);
    // A form comes back to the page it was on (same-origin posts carry it as Referer), not to its action.
    const referer = c.req.header('referer');
    const back =
      c.req.method === 'GET'
        ? url.pathname + url.search
        : referer && URL.canParse(referer) && new URL(referer).origin === url.origin
          ? new URL(referer).pathname + new URL(referer).search
          : '/staff';
    const token = getCookie(c, SESSION_COOKIE);
    const toSignIn = () => {
      c.header('Cache-Control', 'no-store');
      return c.redirect(signInHref(back), c.req.method === 'GET' ? 302 : 303);
    };
    if (!token) return toSignIn();
    let identity: StaffIdentity;
    try {
      identity = await deps.staffAuth.verify(token);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      if (error.reason === 'unavailable') {
        deps.logger.error('staff session verification unavailable', { error });
        return refuse(c, 'unavailable', roles);
      }
      // Expired, or no longer acceptable (keys rotated, client changed): sign in again.
      clearSession(c, deps.cookieSecure);
      return toSignIn();
    }
    c.set('staff', identity);
    if (!identity.roles.some((role) => roles.includes(role))) return refuse(c, 'forbidden', roles);
    await next();
  };
}
