/**
 * Web budget (issue 4): the JavaScript every page loads (gzipped, the chart library included) and
 * the gzipped HTML of every indicator page, measured on the real pages of `npm start`, not
 * estimated. One indicator page is also measured at its heaviest: ratings at every level and a
 * full page of published comments of the longest length allowed, written in random Chinese
 * characters (which compress worse than any real comment). Writes the "Web budget" section of
 * tests/bench/RESULTS.md and exits non-zero when a page is over budget.
 * Run: npm run bench:web (npx tsx tests/bench/web-budget.ts)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openLocalStore } from '../../functions/local/store.js';
import { buildWeb } from '../../web/build.mjs';
import { LocalConfig, parseConfig } from '../../shared/config.js';
import { COMMENT_MAX_LENGTH } from '../../shared/feedback/comment.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { citizenPagePaths } from '../helpers/page-paths.js';
import { moderationRepository } from '../../shared/store/moderation-repository.js';
import { feedbackShard } from '../../shared/store/keys.js';
import { COMMENTS_PER_PAGE } from '../../web/citizen/data.js';
import { aggregate, startServer } from '../e2e/browser/server.js';
import { machine, writeSection } from './results.js';

const BUDGET = { scriptGzipBytes: 80 * 1024, indicatorHtmlGzipBytes: 40 * 1024 } as const;

const gzipSize = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface PageMeasure {
  path: string;
  htmlBytes: number;
  htmlGzip: number;
  scripts: string[];
  scriptBytes: number;
  scriptGzip: number;
  cssGzip: number;
}

async function measure(
  base: string,
  path: string,
  assetSizes: Map<string, { bytes: number; gzip: number }>,
): Promise<PageMeasure> {
  const response = await fetch(`${base}${path}`, { headers: { 'Accept-Language': 'zh-CN' } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  const html = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(html);
  const linked = async (pattern: RegExp) => {
    const urls = [...text.matchAll(pattern)].map((m) => m[1]!);
    for (const url of urls) {
      if (!assetSizes.has(url)) {
        const body = new Uint8Array(await (await fetch(`${base}${url}`)).arrayBuffer());
        assetSizes.set(url, { bytes: body.length, gzip: gzipSize(body) });
      }
    }
    return urls;
  };
  const scripts = await linked(/<script\b[^>]*\bsrc="([^"]+)"/g);
  const styles = await linked(/<link rel="stylesheet" href="([^"]+)"/g);
  const sum = (urls: string[], key: 'bytes' | 'gzip') =>
    urls.reduce((total, url) => total + assetSizes.get(url)![key], 0);
  return {
    path,
    htmlBytes: html.length,
    htmlGzip: gzipSize(html),
    scripts: scripts.map((url) => url.replace('/assets/', '')),
    scriptBytes: sum(scripts, 'bytes'),
    scriptGzip: sum(scripts, 'gzip'),
    cssGzip: sum(styles, 'gzip'),
  };
}

/** Text of random CJK unified ideographs: as incompressible as Chinese text gets. */
const randomChinese = (length: number) =>
  String.fromCodePoint(...Array.from({ length }, () => 0x4e00 + Math.floor(Math.random() * (0x9fa5 - 0x4e00))));

/**
 * The heaviest indicator page there can be: more than a page of published comments of the longest
 * length (rated at every level, so the histogram and its table are full), then an aggregation run.
 * Comments are published straight through the repository, as a moderator's decision would.
 */
async function seedHeaviest(base: string, dataDir: string, targetId: string): Promise<number> {
  const local = await openLocalStore(parseConfig(LocalConfig, { DATA_DIR: dataDir }), { publish: false });
  const moderation = moderationRepository(local.store);
  const count = COMMENTS_PER_PAGE + 2;
  try {
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${base}/api/v1/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          targetType: 'indicator',
          targetId,
          rating: 1 + (i % 5),
          comment: randomChinese(COMMENT_MAX_LENGTH),
        }),
      });
      if (response.status !== 201)
        throw new Error(`seeding a comment answered ${response.status}: ${await response.text()}`);
      const voterId = response.headers.get('x-voter-token')!.split('.')[1]!;
      const recorded = (await response.json()) as { feedbackId: string; recordedAt: string };
      const ref = {
        shard: feedbackShard(voterId, 'indicator', targetId),
        recordedAt: recorded.recordedAt,
        feedbackId: recorded.feedbackId,
      };
      await moderation.setCommentStatus(ref, 'published', new Date());
    }
  } finally {
    await local.close();
  }
  await aggregate(dataDir);
  return count;
}

async function main() {
  const plan = readPlanFile();
  const started = performance.now();
  const manifest = await buildWeb(); // adds the current hashed files; never deletes what a running server links
  const buildMs = performance.now() - started;
  const dataDir = await mkdtemp(join(tmpdir(), 'gongping-budget-'));
  const server = await startServer(dataDir);
  try {
    const assetSizes = new Map<string, { bytes: number; gzip: number }>();
    const paths = [
      '/',
      '/indicators',
      '/projects',
      '/method',
      ...plan.indicators.map((i) => `/indicators/${i.id}`),
      ...plan.projects.map((p) => `/projects/${p.id}`),
    ];
    const pages: PageMeasure[] = [];
    for (const path of paths) pages.push(await measure(server.base, path, assetSizes));
    const heavyTarget = 'gdp';
    const seeded = await seedHeaviest(server.base, dataDir, heavyTarget);
    const heaviest = {
      ...(await measure(server.base, `/indicators/${heavyTarget}`, assetSizes)),
      path: `/indicators/${heavyTarget} (heaviest)`,
    };
    pages.push(heaviest);

    const indicatorPages = pages.filter((p) => p.path.startsWith('/indicators/'));
    const worstScript = pages.reduce((a, b) => (b.scriptGzip > a.scriptGzip ? b : a));
    const worstIndicator = indicatorPages.reduce((a, b) => (b.htmlGzip > a.htmlGzip ? b : a));
    const overScript = pages.filter((p) => p.scriptGzip > BUDGET.scriptGzipBytes);
    const overHtml = indicatorPages.filter((p) => p.htmlGzip > BUDGET.indicatorHtmlGzipBytes);
    const shown = [...citizenPagePaths(plan), heaviest.path];

    const lines = [
      `Machine: ${machine()}. Written ${new Date().toISOString()} by \`tests/bench/web-budget.ts\`.`,
      `Bundles built by \`web/build.mjs\` (esbuild, minified, Chart.js tree-shaken) in ${Math.round(buildMs)} ms; pages fetched from \`npm start\` on a fresh data folder (no ratings yet), in Chinese. Sizes are of the bytes served, gzipped here at level 9 (CloudFront compresses at the edge).`,
      '',
      '| File | Bytes | gzip |',
      '| --- | ---: | ---: |',
      ...Object.entries(manifest.entries).map(([entry, file]) => {
        const size = assetSizes.get(`/assets/${file}`);
        return `| ${entry} → \`${file}\` | ${size ? size.bytes.toLocaleString('en') : '—'} | ${size ? kb(size.gzip) : '—'} |`;
      }),
      '',
      '| Page | HTML | HTML gzip | Scripts | JS gzip | CSS gzip |',
      '| --- | ---: | ---: | --- | ---: | ---: |',
      ...shown.map((path) => {
        const p = pages.find((page) => page.path === path)!;
        return `| \`${p.path}\` | ${kb(p.htmlBytes)} | ${kb(p.htmlGzip)} | ${p.scripts.join(', ') || '—'} | ${kb(p.scriptGzip)} | ${kb(p.cssGzip)} |`;
      }),
      '',
      `All ${pages.length - 1} pages measured on the fresh data (${plan.indicators.length} indicator pages, ${plan.projects.length} project pages), then \`/indicators/${heavyTarget}\` again at its heaviest: ${seeded} ratings across all five levels, each with a published comment of ${COMMENT_MAX_LENGTH.toLocaleString('en')} random Chinese characters; a page shows ${COMMENTS_PER_PAGE} of them.`,
      `- JavaScript per page, gzipped: at most **${kb(worstScript.scriptGzip)}** (\`${worstScript.path}\`); budget ${kb(BUDGET.scriptGzipBytes)}: ${overScript.length === 0 ? 'within' : `**over on ${overScript.length} pages**`}.`,
      `- HTML of an indicator page, gzipped: at most **${kb(worstIndicator.htmlGzip)}** (\`${worstIndicator.path}\`); budget ${kb(BUDGET.indicatorHtmlGzipBytes)}: ${overHtml.length === 0 ? 'within' : `**over on ${overHtml.length} pages**`}.`,
    ];
    await writeSection('Web budget', lines.join('\n'));
    console.log(lines.join('\n'));
    if (overScript.length > 0 || overHtml.length > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
