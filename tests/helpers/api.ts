import { Logger } from '@aws-lambda-powertools/logger';
import { createApp } from '../../functions/local/app.js';
import { LocalConfig, parseConfig } from '../../shared/config.js';
import { appDeps, type AppDeps } from '../../shared/http/deps.js';
import type { Store } from '../../shared/store/client.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/**
 * The configuration the tests run with: `npm start`'s (LocalConfig, whose defaults are the only
 * ones), with Secure cookies as in AWS and a fixed key, and `env` on top. Never reads process.env.
 */
export const testConfig = (env: Record<string, string> = {}) =>
  parseConfig(LocalConfig, {
    COOKIE_SECURE: 'true',
    VOTER_TOKEN_SECRET: TEST_SECRET,
    // Tests write through their own repositories, as another process would, and read at once:
    // the cache checks the versions at every read (tests/integration/plan-cache.test.ts tests the window).
    STALENESS_WINDOW_SECONDS: '0',
    ...env,
  });

/** The dependencies of every part, as npm start builds them from `testConfig()`, with `overrides` on top. */
export function testDeps(store: Store, overrides: Partial<AppDeps> = {}): AppDeps {
  const deps = appDeps(store, testConfig(), {
    voterTokenSecret: TEST_SECRET,
    clientOrigin: { originVerifyValue: null, trustViewerAddress: false },
    staffAuth: null,
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
  });
  return { ...deps, ...overrides };
}

export function testApp(store: Store, overrides: Partial<AppDeps> = {}) {
  const deps = testDeps(store, overrides);
  return { app: createApp(deps), deps };
}

/**
 * As behind a proxy that sets `CloudFront-Viewer-Address` itself: tests that play many clients
 * from one process name each client's address in that header.
 */
export const behindTrustedProxy = {
  clientOrigin: { originVerifyValue: null, trustViewerAddress: true },
} satisfies Partial<AppDeps>;

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** A self-locating feedback id (shared/feedback/feedback-id.ts) as a pattern: shard, time recorded, nonce. */
export const FEEDBACK_ID = String.raw`\d{2}-\d{8}T\d{9}Z-[0-9a-f-]{36}`;
