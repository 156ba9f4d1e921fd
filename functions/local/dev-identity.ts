import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import * as z from 'zod/mini';
import { ROLES, type Role } from '../../shared/auth/roles.js';
import { s256 } from '../../shared/auth/sign-in.js';
import { CALLBACK_PATH } from '../../web/staff/auth.js';

/**
 * The development identity provider of `npm start`: an OpenID Connect issuer in the same
 * process, with its own RSA signing key kept under DATA_DIR (mode 0600), a JWKS endpoint and a
 * discovery document, so the API verifies local tokens exactly as it verifies Cognito's, through
 * a remote key set. Tokens come from `npm run token`, or, for the staff pages, from Cognito's three
 * browser endpoints at the same paths under /dev-idp: an authorize page where the developer types
 * a user name and ticks roles (no passwords: it is a development tool), a token endpoint that
 * redeems a code only with its PKCE verifier and redirect URI, and a logout that comes back.
 *
 * It lives in functions/local/ and only functions/local/server.ts imports it: the Lambda bundle,
 * built from functions/api/handler.ts, cannot reach it (tests/unit/auth-lambda-graph.test.ts).
 */

export const DEV_CLIENT_ID = 'gongping-local';
export const DEV_IDP_PATH = '/dev-idp';
const KEY_FILE = 'dev-idp-key.json';
/** Where the running server writes its issuer, so `npm run token` signs for the right one. */
const ISSUER_FILE = 'dev-idp.json';

export interface DevKeys {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** The signing key of DATA_DIR, created on first use: RSA 2048, RS256, like Cognito's. */
export async function loadDevKeys(dataDir: string): Promise<DevKeys> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, KEY_FILE);
  let stored: JWK;
  try {
    stored = JSON.parse(await readFile(path, 'utf8')) as JWK;
    // A private key readable by others is tightened, not trusted as is.
    if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(privateKey);
    // 'wx': if another process created it first, use theirs.
    await writeFile(path, JSON.stringify({ ...jwk, alg: 'RS256' }), { mode: 0o600, flag: 'wx' }).catch(
      (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      },
    );
    stored = JSON.parse(await readFile(path, 'utf8')) as JWK;
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = stored;
  const kid = await calculateJwkThumbprint(publicPart);
  const privateKey = (await importJWK(stored, 'RS256')) as CryptoKey;
  return { kid, privateKey, publicJwk: { ...publicPart, kid, alg: 'RS256', use: 'sig' } };
}

export const devIssuer = (origin: string) => `${origin.replace(/\/$/, '')}${DEV_IDP_PATH}`;

export interface DevTokenRequest {
  issuer: string;
  roles: Role[];
  sub?: string;
  name?: string;
  /** Seconds from now; negative for a token already expired (tests). */
  ttlSeconds?: number;
  /** Cognito's two kinds: an access token names the client in client_id, an ID token in aud. */
  tokenUse?: 'access' | 'id';
  audience?: string;
  /** The browser sign-in's nonce, echoed in the ID token. */
  nonce?: string;
  now?: Date;
}

/** A token shaped like Cognito's, signed with the development key. */
export async function issueDevToken(keys: DevKeys, request: DevTokenRequest): Promise<string> {
  const now = Math.floor((request.now ?? new Date()).getTime() / 1000);
  const name = request.name ?? `dev-${request.roles[0] ?? 'citizen'}`;
  const tokenUse = request.tokenUse ?? 'access';
  const audience = request.audience ?? DEV_CLIENT_ID;
  const claims: Record<string, unknown> = {
    token_use: tokenUse,
    ...(request.roles.length > 0 ? { 'cognito:groups': request.roles } : {}),
    ...(tokenUse === 'access'
      ? { client_id: audience, username: name, scope: 'openid' }
      : { 'cognito:username': name }),
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
  };
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer(request.issuer)
    .setSubject(request.sub ?? `dev|${name}`)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.ttlSeconds ?? 3600));
  if (tokenUse === 'id') jwt.setAudience(audience);
  return jwt.sign(keys.privateKey);
}

/** Seconds a code may wait to be redeemed, as with Cognito (five minutes). */
const CODE_SECONDS = 300;
const DEV_TOKEN_SECONDS = 3600;

const AuthorizeQuery = z.object({
  response_type: z.literal('code'),
  client_id: z.literal(DEV_CLIENT_ID),
  redirect_uri: z.url(),
  state: z.string().check(z.minLength(1), z.maxLength(200)),
  nonce: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  scope: z.optional(z.string().check(z.maxLength(200))),
  code_challenge: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  code_challenge_method: z.literal('S256'),
});
type AuthorizeQuery = z.infer<typeof AuthorizeQuery>;

const SignInForm = z.object({
  username: z.string().check(z.trim(), z.regex(/^[\w.@-]{1,64}$/, 'letters, digits, . _ @ -')),
  roles: z.array(z.enum(ROLES)),
});

const TokenForm = z.object({
  grant_type: z.literal('authorization_code'),
  client_id: z.literal(DEV_CLIENT_ID),
  code: z.string().check(z.minLength(1), z.maxLength(200)),
  redirect_uri: z.string().check(z.minLength(1), z.maxLength(2000)),
  code_verifier: z.string().check(z.regex(/^[A-Za-z0-9._~-]{43,128}$/)),
});

interface PendingCode {
  request: AuthorizeQuery;
  name: string;
  roles: Role[];
  expiresAt: number;
}

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The provider's public documents and browser endpoints, served beside the app by the local server
 * only. The redirect URI must be this server's own /auth/callback, the dev counterpart of Cognito's
 * registered callback URLs; codes live in memory, once, for five minutes.
 */
export function devIdentityRoutes(keys: DevKeys, issuer: () => string, clock: () => Date = () => new Date()) {
  const codes = new Map<string, PendingCode>();
  const registered = (redirectUri: string) => {
    const url = new URL(redirectUri);
    return (
      url.origin === new URL(issuer()).origin && url.pathname === CALLBACK_PATH && url.search === '' && url.hash === ''
    );
  };
  const oauthError = (c: Context, error: string, description: string) =>
    c.json({ error, error_description: description }, 400, { 'Cache-Control': 'no-store' });
  const badRequest = (c: Context, text: string) =>
    c.html(
      html`<!DOCTYPE html>
        <html lang="en">
          <meta charset="utf-8" /><title>Sign-in refused</title>
          <h1>Sign-in refused</h1>
          <p>${text}</p>
        </html>`,
      400,
      PAGE_HEADERS,
    );

  const signInPage = (c: Context, request: AuthorizeQuery, error: string | null) =>
    c.html(
      html`<!DOCTYPE html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="robots" content="noindex" />
            <title>Development sign-in · gongping</title>
            <style>
              body {
                font:
                  16px/1.5 system-ui,
                  sans-serif;
                max-width: 32rem;
                margin: 2rem auto;
                padding: 0 1rem;
              }
              fieldset {
                margin: 1rem 0;
              }
              label {
                display: block;
                margin: 0.25rem 0;
              }
              input[type='text'] {
                font: inherit;
                padding: 0.4rem;
                width: 100%;
                box-sizing: border-box;
              }
              button {
                font: inherit;
                padding: 0.5rem 1.2rem;
              }
              .error {
                color: #a00;
              }
            </style>
          </head>
          <body>
            <main>
              <h1>Development sign-in</h1>
              <p>
                The development identity provider of <code>npm start</code>. It asks for no password: type any user name
                and tick the roles to sign in with. In AWS this page is Cognito's hosted sign-in.
              </p>
              ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
              <form
                method="post"
                action="${DEV_IDP_PATH}/oauth2/authorize?${new URLSearchParams(Object.entries(request).filter((e): e is [string, string] => e[1] !== undefined)).toString()}"
              >
                <label for="username">User name</label>
                <input
                  type="text"
                  id="username"
                  name="username"
                  autocomplete="username"
                  required
                  pattern="[A-Za-z0-9_.@\\-]{1,64}"
                />
                <fieldset>
                  <legend>Roles (Cognito groups)</legend>
                  ${ROLES.map((role) => html`<label><input type="checkbox" name="roles" value="${role}" /> ${role}</label>`)}
                </fieldset>
                <button type="submit">Sign in</button>
              </form>
            </main>
          </body>
        </html>`,
      error ? 400 : 200,
      PAGE_HEADERS,
    );

  return new Hono()
    .get(`${DEV_IDP_PATH}/.well-known/jwks.json`, (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ keys: [keys.publicJwk] });
    })
    .get(`${DEV_IDP_PATH}/.well-known/openid-configuration`, (c) =>
      c.json({
        issuer: issuer(),
        jwks_uri: `${issuer()}/.well-known/jwks.json`,
        authorization_endpoint: `${issuer()}/oauth2/authorize`,
        token_endpoint: `${issuer()}/oauth2/token`,
        end_session_endpoint: `${issuer()}/logout`,
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        subject_types_supported: ['public'],
        claims_supported: [
          'sub',
          'iss',
          'aud',
          'client_id',
          'token_use',
          'cognito:groups',
          'username',
          'cognito:username',
          'nonce',
        ],
        'x-gongping-note':
          'development identity provider; sign in at /staff, or mint a token with: npm run token -- --role monitor',
      }),
    )
    .get(`${DEV_IDP_PATH}/oauth2/authorize`, (c) => {
      const request = AuthorizeQuery.safeParse(c.req.query());
      if (!request.success)
        return badRequest(
          c,
          'The sign-in request is malformed: it needs response_type=code, this client, a redirect URI, state and an S256 code challenge.',
        );
      if (!registered(request.data.redirect_uri))
        return badRequest(c, 'The redirect URI is not registered for this client.');
      return signInPage(c, request.data, null);
    })
    .post(`${DEV_IDP_PATH}/oauth2/authorize`, async (c) => {
      const request = AuthorizeQuery.safeParse(c.req.query());
      if (!request.success || !registered(request.data.redirect_uri))
        return badRequest(c, 'The sign-in request is malformed or its redirect URI is not registered.');
      const body = await c.req.parseBody({ all: true });
      const form = SignInForm.safeParse({
        username: body.username,
        roles: body.roles === undefined ? [] : [body.roles].flat(),
      });
      if (!form.success) return signInPage(c, request.data, 'Type a user name of letters, digits, . _ @ or -.');
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        request: request.data,
        name: form.data.username,
        roles: form.data.roles,
        expiresAt: clock().getTime() + CODE_SECONDS * 1000,
      });
      const back = new URL(request.data.redirect_uri);
      back.search = new URLSearchParams({ code, state: request.data.state }).toString();
      return c.redirect(back.toString(), 302);
    })
    .post(`${DEV_IDP_PATH}/oauth2/token`, async (c) => {
      const form = TokenForm.safeParse(await c.req.parseBody().catch(() => ({})));
      if (!form.success)
        return oauthError(
          c,
          'invalid_request',
          'grant_type=authorization_code, client_id, code, redirect_uri and code_verifier are required',
        );
      const pending = codes.get(form.data.code);
      // A code is redeemed once, whatever the outcome: a wrong verifier burns it.
      codes.delete(form.data.code);
      if (!pending || pending.expiresAt <= clock().getTime())
        return oauthError(c, 'invalid_grant', 'unknown, used or expired code');
      if (form.data.redirect_uri !== pending.request.redirect_uri)
        return oauthError(c, 'invalid_grant', 'redirect_uri differs from the authorization request');
      const expected = Buffer.from(pending.request.code_challenge);
      const actual = Buffer.from(s256(form.data.code_verifier));
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
        return oauthError(c, 'invalid_grant', 'the code verifier does not match the code challenge');
      const common = {
        issuer: issuer(),
        roles: pending.roles,
        name: pending.name,
        ttlSeconds: DEV_TOKEN_SECONDS,
        now: clock(),
      };
      const [idToken, accessToken] = await Promise.all([
        issueDevToken(keys, {
          ...common,
          tokenUse: 'id',
          ...(pending.request.nonce !== undefined ? { nonce: pending.request.nonce } : {}),
        }),
        issueDevToken(keys, { ...common, tokenUse: 'access' }),
      ]);
      return c.json(
        { id_token: idToken, access_token: accessToken, token_type: 'Bearer', expires_in: DEV_TOKEN_SECONDS },
        200,
        { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      );
    })
    .get(`${DEV_IDP_PATH}/logout`, (c) => {
      const logoutUri = c.req.query('logout_uri');
      // Like Cognito's allowed sign-out URLs: only back to this server.
      if (
        c.req.query('client_id') !== DEV_CLIENT_ID ||
        !logoutUri ||
        !URL.canParse(logoutUri) ||
        new URL(logoutUri).origin !== new URL(issuer()).origin
      ) {
        return badRequest(c, 'The sign-out request needs this client and a logout_uri on this server.');
      }
      return c.redirect(logoutUri, 302);
    });
}

export async function writeIssuerFile(dataDir: string, issuer: string): Promise<void> {
  await writeFile(join(dataDir, ISSUER_FILE), JSON.stringify({ issuer, clientId: DEV_CLIENT_ID, pid: process.pid }));
}

export async function readIssuerFile(dataDir: string): Promise<{ issuer: string; clientId: string } | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, ISSUER_FILE), 'utf8')) as { issuer: string; clientId: string };
  } catch {
    return null;
  }
}
