import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from '../../shared/auth/roles.js';

/**
 * The development identity provider of `npm start`: an OpenID Connect issuer in the same
 * process, with its own RSA signing key kept under DATA_DIR (mode 0600), a JWKS endpoint and a
 * discovery document, so the API verifies local tokens exactly as it verifies Cognito's, through
 * a remote key set. It mints tokens only through `npm run token` (no sign-in page, no passwords).
 *
 * It lives in functions/local/ and only functions/api/local.ts imports it: the Lambda bundle,
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
    await writeFile(path, JSON.stringify({ ...jwk, alg: 'RS256' }), { mode: 0o600, flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
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
    ...(tokenUse === 'access' ? { client_id: audience, username: name, scope: 'openid' } : { 'cognito:username': name }),
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

/** The provider's two public documents, served beside the API by the local server only. */
export function devIdentityRoutes(keys: DevKeys, issuer: () => string) {
  return new Hono()
    .get(`${DEV_IDP_PATH}/.well-known/jwks.json`, (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ keys: [keys.publicJwk] });
    })
    .get(`${DEV_IDP_PATH}/.well-known/openid-configuration`, (c) =>
      c.json({
        issuer: issuer(),
        jwks_uri: `${issuer()}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: [],
        subject_types_supported: ['public'],
        claims_supported: ['sub', 'iss', 'aud', 'client_id', 'token_use', 'cognito:groups', 'username', 'cognito:username'],
        // No authorization endpoint: tokens come from `npm run token`.
        'x-gongping-note': 'development identity provider; mint a token with: npm run token -- --role monitor',
      }),
    );
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
