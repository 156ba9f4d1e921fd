import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { rolesOf } from '../../shared/auth/roles.js';
import { AuthError, staffVerifier } from '../../shared/auth/verifier.js';
import { DEV_CLIENT_ID, issueDevToken, loadDevKeys } from '../../functions/local/dev-identity.js';

const ISSUER = 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_Test';

async function setup() {
  const keys = await loadDevKeys(mkdtempSync(join(tmpdir(), 'gongping-verifier-')));
  const verifier = staffVerifier({
    issuer: ISSUER,
    clientIds: [DEV_CLIENT_ID],
    keys: createLocalJWKSet({ keys: [keys.publicJwk] }),
  });
  const reason = async (token: string) => {
    try {
      await verifier.verify(token);
      return 'accepted';
    } catch (error) {
      return (error as AuthError).reason;
    }
  };
  return { keys, verifier, reason };
}

describe('the staff token verifier', () => {
  it('accepts a Cognito access token (client_id, no aud) and an ID token (aud), reading roles from cognito:groups', async () => {
    const { keys, verifier } = await setup();
    const access = await verifier.verify(
      await issueDevToken(keys, { issuer: ISSUER, roles: ['monitor', 'admin'], name: 'wang.fang' }),
    );
    expect(access).toMatchObject({ name: 'wang.fang', roles: ['monitor', 'admin'], tokenUse: 'access' });
    const id = await verifier.verify(
      await issueDevToken(keys, { issuer: ISSUER, roles: ['publisher'], tokenUse: 'id', name: 'li.lei' }),
    );
    expect(id).toMatchObject({ name: 'li.lei', roles: ['publisher'], tokenUse: 'id' });
  });

  it('says why it refuses a token', async () => {
    const { keys, reason } = await setup();
    const now = new Date();
    expect(await reason(await issueDevToken(keys, { issuer: ISSUER, roles: ['admin'], ttlSeconds: -60 }))).toBe(
      'expired',
    );
    expect(await reason(await issueDevToken(keys, { issuer: 'https://evil.example/', roles: ['admin'] }))).toBe(
      'issuer',
    );
    expect(await reason(await issueDevToken(keys, { issuer: ISSUER, roles: ['admin'], audience: 'other' }))).toBe(
      'audience',
    );
    expect(
      await reason(await issueDevToken(keys, { issuer: ISSUER, roles: ['admin'], audience: 'other', tokenUse: 'id' })),
    ).toBe('audience');
    // An access token that carries the right aud but another client_id is not ours.
    const mixed = await new SignJWT({ token_use: 'access', client_id: 'other', 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(ISSUER)
      .setSubject('x')
      .setAudience(DEV_CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(keys.privateKey);
    expect(await reason(mixed)).toBe('audience');
    const oddUse = await new SignJWT({ token_use: 'refresh', client_id: DEV_CLIENT_ID })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(ISSUER)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(keys.privateKey);
    expect(await reason(oddUse)).toBe('claims');
    const noExpiry = await new SignJWT({ token_use: 'access', client_id: DEV_CLIENT_ID })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(ISSUER)
      .setSubject('x')
      .setIssuedAt()
      .sign(keys.privateKey);
    expect(await reason(noExpiry)).toBe('claims');
    const symmetric = await new SignJWT({ token_use: 'access', client_id: DEV_CLIENT_ID, 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject('x')
      .setIssuedAt(now)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expect(['malformed', 'signature']).toContain(await reason(symmetric));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: ISSUER, sub: 'x', exp: 9e9, client_id: DEV_CLIENT_ID, token_use: 'access' })).toString('base64url')}.`;
    expect(await reason(unsigned)).toBe('malformed');
    expect(await reason('')).toBe('malformed');
  });

  it('refuses a token issued in the future beyond the clock tolerance, and accepts one within it', async () => {
    const { keys, reason } = await setup();
    const issuedIn = (seconds: number) =>
      new SignJWT({ token_use: 'access', client_id: DEV_CLIENT_ID, 'cognito:groups': ['admin'] })
        .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
        .setIssuer(ISSUER)
        .setSubject('x')
        .setIssuedAt(Math.floor(Date.now() / 1000) + seconds)
        .setExpirationTime('2h')
        .sign(keys.privateKey);
    expect(await reason(await issuedIn(3600))).toBe('not-yet-valid');
    expect(await reason(await issuedIn(90))).toBe('not-yet-valid');
    expect(await reason(await issuedIn(10))).toBe('accepted');
  });

  it('reads only known roles from a well-formed groups claim', () => {
    expect(rolesOf({ 'cognito:groups': ['admin', 'superuser', 'monitor'] })).toEqual(['monitor', 'admin']);
    expect(rolesOf({ 'cognito:groups': 'admin' })).toEqual([]);
    expect(rolesOf({ groups: ['admin'] })).toEqual([]);
    expect(rolesOf({})).toEqual([]);
  });
});
