import { readFileSync, statSync, existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiConfig, LocalConfig, parseConfig, staffSettingsOf } from '../../shared/config.js';
import { loadDevKeys } from '../../functions/local/dev-identity.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every source file the Lambda entry reaches by static or literal dynamic import. */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), match[1]!);
      const candidates = [
        target,
        target.replace(/\.js$/, '.ts'),
        target.replace(/\.js$/, '.tsx'),
        target.replace(/\.mjs$/, '.mts'),
      ];
      const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
      if (found) visit(found);
    }
  };
  visit(entry);
  return seen;
}

describe('the development identity provider stays out of Lambda', () => {
  const graphOf = (entry: string) => [...importGraph(join(ROOT, entry))].map((f) => f.slice(ROOT.length + 1));

  it.each(['functions/api/handler.ts', 'functions/staff/handler.ts', 'functions/web/handler.ts'])(
    'is not reachable from the Lambda entry %s',
    (entry) => {
      const graph = graphOf(entry);
      expect(graph).toContain('shared/http/middleware.ts');
      expect(graph.filter((f) => f.startsWith('functions/local/'))).toEqual([]);
    },
  );

  it('verifies staff tokens in the staff and web functions; the citizen API has no staff routes and no verifier', () => {
    expect(graphOf('functions/staff/handler.ts')).toEqual(
      expect.arrayContaining(['shared/http/staff-auth.ts', 'shared/auth/verifier.ts']),
    );
    expect(graphOf('functions/web/handler.ts')).toContain('shared/auth/verifier.ts');
    const citizen = graphOf('functions/api/handler.ts');
    expect(citizen).toContain('shared/http/api/citizen.ts');
    // (deps.ts names the verifier's type only; that jose stays out of the bundle is checked in tests/infra/app.test.ts.)
    expect(
      citizen.filter((f) =>
        ['shared/http/staff-auth.ts', 'shared/http/api/staff.ts', 'functions/local/app.ts'].includes(f),
      ),
    ).toEqual([]);
  });

  it('is refused by the Lambda configuration, and so is any plain-http or loopback provider', () => {
    const base = {
      AWS_REGION: 'ap-east-1',
      TABLE_NAME: 'gongping',
      VOTER_TOKEN_SECRET: 'x'.repeat(32),
      ORIGIN_VERIFY_VALUE: 'o'.repeat(32),
    };
    expect(() => parseConfig(ApiConfig, { ...base, DEV_IDP: 'true' })).toThrow(/DEV_IDP/);
    expect(() =>
      parseConfig(ApiConfig, {
        ...base,
        AUTH_ISSUER: 'http://localhost:3000/dev-idp',
        AUTH_CLIENT_ID: 'gongping-local',
      }),
    ).toThrow(/AUTH_ISSUER/);
    expect(() =>
      parseConfig(ApiConfig, { ...base, AUTH_ISSUER: 'https://127.0.0.1/dev-idp', AUTH_CLIENT_ID: 'x' }),
    ).toThrow(/AUTH_ISSUER/);
    expect(() =>
      parseConfig(ApiConfig, { ...base, AUTH_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_A' }),
    ).toThrow(/AUTH_CLIENT_ID/);
    const cognito = parseConfig(ApiConfig, {
      ...base,
      AUTH_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_A',
      AUTH_CLIENT_ID: 'abc123',
    });
    expect(staffSettingsOf(cognito).auth).toEqual({
      issuer: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_A',
      clientIds: ['abc123'],
      jwksUrl: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_A/.well-known/jwks.json',
    });
    // Without a provider the API starts, and every staff route refuses everyone.
    expect(staffSettingsOf(parseConfig(ApiConfig, base)).auth).toBeNull();
  });

  it('runs locally by default', () => {
    expect(parseConfig(LocalConfig, {}).DEV_IDP).toBe(true);
    expect(parseConfig(LocalConfig, { DEV_IDP: 'false' }).DEV_IDP).toBe(false);
  });

  it('keeps its private key in DATA_DIR, readable by its owner only, and the same across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongping-idp-'));
    const first = await loadDevKeys(dir);
    const second = await loadDevKeys(dir);
    expect(second.kid).toBe(first.kid);
    expect(statSync(join(dir, 'dev-idp-key.json')).mode & 0o777).toBe(0o600);
    expect(first.publicJwk).not.toHaveProperty('d');
  });
});
