import { Logger } from '@aws-lambda-powertools/logger';
import { createApp } from '../../functions/local/app.js';
import { apiDeps, type ApiDeps } from '../../shared/http/deps.js';
import type { Store } from '../../shared/store/client.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export function testApp(store: Store, overrides: Partial<ApiDeps> = {}) {
  const deps = apiDeps(
    store,
    { planId: 'licheng-14th', cookieSecure: true, voterTokenSecret: TEST_SECRET },
    { logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }), ...overrides },
  );
  return { app: createApp(deps), deps };
}

/**
 * As behind a proxy that sets `CloudFront-Viewer-Address` itself: tests that play many clients
 * from one process name each client's address in that header.
 */
export const behindTrustedProxy = { clientOrigin: { originVerifyValue: null, trustViewerAddress: true } } satisfies Partial<ApiDeps>;

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
