import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../shared/auth/roles.js';
import { remoteKeys, staffVerifier, type StaffVerifier } from '../../shared/auth/verifier.js';
import {
  DEV_CLIENT_ID,
  devIdentityRoutes,
  issueDevToken,
  loadDevKeys,
  type DevKeys,
  type DevTokenRequest,
} from '../../functions/local/dev-identity.js';

export const TEST_ISSUER = 'http://localhost:3999/dev-idp';

/**
 * Staff sign-in for tests: the development identity provider's keys in a temporary folder, and a
 * verifier that reads them through its JWKS endpoint (createRemoteJWKSet, with the endpoint's
 * Hono app as the fetch), exactly the path a Cognito key set takes.
 */
export async function testIdentity(): Promise<{
  keys: DevKeys;
  verifier: StaffVerifier;
  token(roles: Role[], options?: Partial<DevTokenRequest>): Promise<string>;
  bearer(roles: Role[], options?: Partial<DevTokenRequest>): Promise<Record<string, string>>;
}> {
  const keys = await loadDevKeys(mkdtempSync(join(tmpdir(), 'gongping-idp-')));
  const routes = devIdentityRoutes(keys, () => TEST_ISSUER);
  const verifier = staffVerifier({
    issuer: TEST_ISSUER,
    clientIds: [DEV_CLIENT_ID],
    keys: remoteKeys(`${TEST_ISSUER}/.well-known/jwks.json`, async (url, init) =>
      routes.request(new URL(String(url)).pathname, init),
    ),
  });
  const token = (roles: Role[], options: Partial<DevTokenRequest> = {}) =>
    issueDevToken(keys, { issuer: TEST_ISSUER, roles, name: roles[0] ?? 'citizen', ...options });
  return {
    keys,
    verifier,
    token,
    bearer: async (roles, options) => ({ Authorization: `Bearer ${await token(roles, options)}` }),
  };
}
