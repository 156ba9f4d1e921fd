import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { getCookie, deleteCookie, setCookie } from 'hono/cookie';
import { formsFromThisSite } from '../../shared/http/csrf.js';
import {
  authorizeUrl,
  CodeExchangeError,
  exchangeCode,
  logoutUrl,
  pkcePair,
  randomToken,
  SIGN_IN_TRANSACTION_SECONDS,
} from '../../shared/auth/sign-in.js';
import { AuthError } from '../../shared/auth/verifier.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { clearSession, safeReturn, setSession, SIGN_IN_COOKIE } from './session.js';

export const CALLBACK_PATH = '/auth/callback';

export type SignInFailure = 'not-configured' | 'failed' | 'unavailable';

/** What staff sign-in uses: the provider's endpoints, the sealed transaction, the verifier of its ID token. */
export type AuthRouteDeps = Pick<
  AppDeps,
  'signIn' | 'signInTransactions' | 'providerFetch' | 'siteUrl' | 'staffAuth' | 'cookieSecure' | 'clock' | 'logger'
>;

/**
 * Staff sign-in in the browser: OpenID Connect's authorization code flow with PKCE against the
 * configured provider (Cognito's hosted sign-in in AWS, the development identity provider under
 * `npm start`). The server redeems the code itself and keeps only the verified ID token, in the
 * session cookie.
 */
export function authRoutes(
  deps: AuthRouteDeps,
  pages: {
    failed: (c: Context, why: SignInFailure) => Response | Promise<Response>;
    signedIn: (c: Context, returnTo: string) => Response | Promise<Response>;
  },
) {
  const transactions = deps.signInTransactions;
  /** This site as the provider knows it: SITE_URL behind CloudFront, the request's own origin locally. */
  const siteOrigin = (c: Context) => (deps.siteUrl ? new URL(deps.siteUrl).origin : new URL(c.req.url).origin);
  const txCookie = { path: '/auth', httpOnly: true, secure: deps.cookieSecure, sameSite: 'Lax' as const };

  return new Hono()
    .get('/auth/sign-in', (c) => {
      if (!deps.signIn || !deps.staffAuth) return pages.failed(c, 'not-configured');
      const { verifier } = pkcePair();
      const tx = {
        state: randomToken(),
        nonce: randomToken(),
        verifier,
        returnTo: safeReturn(c.req.query('return')),
        expiresAt: deps.clock().getTime() + SIGN_IN_TRANSACTION_SECONDS * 1000,
      };
      setCookie(c, SIGN_IN_COOKIE, transactions.seal(tx), { ...txCookie, maxAge: SIGN_IN_TRANSACTION_SECONDS });
      c.header('Cache-Control', 'no-store');
      return c.redirect(authorizeUrl(deps.signIn, tx, `${siteOrigin(c)}${CALLBACK_PATH}`), 302);
    })

    .get(CALLBACK_PATH, async (c) => {
      if (!deps.signIn || !deps.staffAuth) return pages.failed(c, 'not-configured');
      const tx = transactions.open(getCookie(c, SIGN_IN_COOKIE), deps.clock());
      // One attempt per transaction, whatever happens next.
      deleteCookie(c, SIGN_IN_COOKIE, txCookie);
      const code = c.req.query('code');
      const state = c.req.query('state');
      if (!tx || !code || code.length > 2000 || state !== tx.state) {
        deps.logger.warn('sign-in callback refused', {
          reason: !tx ? 'no transaction' : !code ? (c.req.query('error') ?? 'no code') : 'state mismatch',
        });
        return pages.failed(c, 'failed');
      }
      try {
        const idToken = await exchangeCode(
          deps.signIn,
          { code, redirectUri: `${siteOrigin(c)}${CALLBACK_PATH}`, verifier: tx.verifier },
          deps.providerFetch,
        );
        const identity = await deps.staffAuth.verify(idToken, { nonce: tx.nonce });
        setSession(c, idToken, identity, deps.cookieSecure);
        deps.logger.info('staff signed in', { sub: identity.sub, roles: identity.roles });
        return pages.signedIn(c, tx.returnTo);
      } catch (error) {
        if (error instanceof AuthError && error.reason === 'unavailable') {
          deps.logger.error('sign-in: the provider’s keys are unavailable', { error });
          return pages.failed(c, 'unavailable');
        }
        if (error instanceof AuthError || error instanceof CodeExchangeError) {
          deps.logger.warn('sign-in callback refused', { reason: error.message });
          return pages.failed(c, 'failed');
        }
        throw error;
      }
    })

    .post('/auth/sign-out', formsFromThisSite(deps), (c) => {
      clearSession(c, deps.cookieSecure);
      c.header('Cache-Control', 'no-store');
      // The provider's own session ends too, or the next sign-in would pass without a question.
      return c.redirect(deps.signIn ? logoutUrl(deps.signIn, `${siteOrigin(c)}/`) : '/', 303);
    });
}
