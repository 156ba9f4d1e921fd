import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import type { SignInEndpoints } from '../config.js';
import { DomainError, type ErrorKind } from '../errors.js';

/**
 * The browser side of staff sign-in: OpenID Connect's authorization code flow with PKCE (S256),
 * as a relying party that keeps no server state. What the callback must check (state, nonce,
 * code verifier, where to go back to) travels in a short-lived cookie signed with a key of ours.
 */

/** Minutes a person has on the provider's sign-in page before the callback is refused. */
export const SIGN_IN_TRANSACTION_SECONDS = 600;

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/** A code verifier (43 characters of the RFC 7636 alphabet) and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: s256(verifier) };
}

export const s256 = (verifier: string) => b64url(createHash('sha256').update(verifier).digest());

export const randomToken = () => b64url(randomBytes(24));

export const SignInTransaction = z.strictObject({
  state: z.string().check(z.minLength(16), z.maxLength(100)),
  nonce: z.string().check(z.minLength(16), z.maxLength(100)),
  verifier: z.string().check(z.minLength(43), z.maxLength(128)),
  /** A path on this site to come back to. */
  returnTo: z.string().check(z.maxLength(600)),
  /** Milliseconds since the epoch. */
  expiresAt: z.number().check(z.int()),
});
export type SignInTransaction = z.infer<typeof SignInTransaction>;

/** The authorize URL the browser is sent to (Cognito's /oauth2/authorize parameters). */
export function authorizeUrl(
  endpoints: SignInEndpoints,
  tx: Pick<SignInTransaction, 'state' | 'nonce' | 'verifier'>,
  redirectUri: string,
): string {
  const url = new URL(endpoints.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: endpoints.clientId,
    redirect_uri: redirectUri,
    scope: 'openid profile',
    state: tx.state,
    nonce: tx.nonce,
    code_challenge: s256(tx.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** The provider's sign-out, coming back to `logoutUri` (one of the app client's allowed sign-out URLs). */
export function logoutUrl(endpoints: SignInEndpoints, logoutUri: string): string {
  const url = new URL(endpoints.logoutUrl);
  url.search = new URLSearchParams({ client_id: endpoints.clientId, logout_uri: logoutUri }).toString();
  return url.toString();
}

/**
 * Seals and opens the transaction cookie: `<json, base64url>.<HMAC-SHA256>`, with a key derived
 * from the deployment secret for this purpose only. Not secret from the browser that holds it
 * (HttpOnly keeps it from scripts); what matters is that nobody else can make one.
 */
export interface SignInTransactions {
  seal(tx: SignInTransaction): string;
  /** The transaction, or null if the cookie is missing, forged, malformed or expired. */
  open(value: string | undefined, now: Date): SignInTransaction | null;
}

export function transactionSeal(secret: string): SignInTransactions {
  const key = createHmac('sha256', secret).update('gongping sign-in transaction v1').digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    seal(tx) {
      const payload = b64url(Buffer.from(JSON.stringify(tx)));
      return `${payload}.${b64url(mac(payload))}`;
    },
    open(value, now) {
      const match = value ? /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
      if (!match) return null;
      if (!timingSafeEqual(Buffer.from(match[2]!, 'base64url'), mac(match[1]!))) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const tx = SignInTransaction.safeParse(parsed);
      return tx.success && tx.data.expiresAt > now.getTime() ? tx.data : null;
    },
  };
}

/** The provider did not redeem the sign-in's code: that sign-in failed, and another may not. */
export class CodeExchangeError extends DomainError {
  override name = 'CodeExchangeError';
  readonly kind: ErrorKind = 'unauthorized';
}

const TokenAnswer = z.object({ id_token: z.string().check(z.minLength(1), z.maxLength(16_000)) });

/**
 * Redeems an authorization code at the token endpoint, server to server, with the PKCE verifier
 * (Cognito's /oauth2/token: form-encoded, a public client names itself in client_id). Returns the
 * ID token, still to be verified.
 */
export async function exchangeCode(
  endpoints: SignInEndpoints,
  input: { code: string; redirectUri: string; verifier: string },
  fetchImplementation: typeof fetch = fetch,
): Promise<string> {
  let response: Response;
  try {
    response = await fetchImplementation(endpoints.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: endpoints.clientId,
        code: input.code,
        redirect_uri: input.redirectUri,
        code_verifier: input.verifier,
      }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    throw new CodeExchangeError('the token endpoint could not be reached', { cause: error });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error =
      typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : `HTTP ${response.status}`;
    throw new CodeExchangeError(`the token endpoint refused the code: ${error.slice(0, 100)}`);
  }
  const answer = TokenAnswer.safeParse(body);
  if (!answer.success) throw new CodeExchangeError('the token endpoint answered without an ID token');
  return answer.data.id_token;
}
