/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from './server.js';

/**
 * Debian's Chromium for the browser tests, headless, through playwright-core: no browser is ever
 * downloaded. Without it the tests are skipped, and say so.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

function warnIfMissing() {
  if (HAVE_CHROMIUM) return;
  console.warn(
    `\n⚠ Browser tests skipped: ${CHROMIUM} is missing, so tests/e2e/browser did not run. ` +
      'Install Debian’s Chromium (apt-get install -y chromium) to run them; no browser is ever downloaded.\n',
  );
}

export const ARTIFACTS = join(process.cwd(), 'tests', 'e2e', 'browser', 'artifacts');
const AXE = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * Collects CSP violations and script errors from the moment each page starts. A page that answers
 * an error status on purpose (404, 403 pages) makes the browser log its own load as an error: that
 * one is expected; any other failed load is not.
 */
export async function watch(context: BrowserContext): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const ownErrorStatus =
        /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()) &&
        message.location().url === page.url();
      if (!ownErrorStatus) problems.push(`console error on ${page.url()}: ${message.text()}`);
    });
  });
  return { problems };
}

/**
 * `npm start` on a fresh data folder and one Chromium, for the tests of one file: started before
 * them, removed after. Skipped, like the tests, when Chromium is missing, and then it says so.
 */
export function useServerAndChromium(name: string) {
  warnIfMissing();
  const env = {
    server: undefined as unknown as RunningServer,
    browser: undefined as unknown as Browser,
    dataDir: '',
    /** A context in Chinese at desktop size, watched for CSP violations and script errors. */
    newContext: async (options: BrowserContextOptions = {}) => {
      const context = await env.browser.newContext({ locale: 'zh-CN', viewport: DESKTOP, ...options });
      const { problems } = await watch(context);
      return { context, problems, page: await context.newPage() };
    },
  };
  beforeAll(async () => {
    if (!HAVE_CHROMIUM) return;
    env.dataDir = await mkdtemp(join(tmpdir(), `gongping-${name}-`));
    await mkdir(ARTIFACTS, { recursive: true });
    [env.server, env.browser] = await Promise.all([startServer(env.dataDir), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
    if (env.dataDir) await rm(env.dataDir, { recursive: true, force: true });
  }, 60_000);
  return env;
}

/**
 * The serious and critical axe-core violations of the page now shown. axe is injected as a script
 * of its own, which the CSP would refuse: call this only in a context made with `bypassCSP`.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
}
