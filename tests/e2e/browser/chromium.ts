/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium for the browser tests, headless, through playwright-core: no browser is ever
 * downloaded. Without it the tests are skipped, and say so.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

export function warnIfMissing() {
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

/** Collects CSP violations and script errors from the moment each page starts. */
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
      // The 404 page answers 404 on purpose; the browser logs that as an error.
      if (message.type() === 'error' && !page.url().endsWith('/no-such-page')) problems.push(`console error on ${page.url()}: ${message.text()}`);
    });
  });
  return { problems };
}

/**
 * The serious and critical axe-core violations of the page now shown. axe is injected as a script
 * of its own, which the CSP would refuse: call this only in a context made with `bypassCSP`.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
}
