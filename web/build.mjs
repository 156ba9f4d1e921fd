#!/usr/bin/env node
// `npm run build`: the citizen pages' client files. esbuild bundles web/citizen/client/*.ts (Chart.js
// tree-shaken to what the charts use) and web/styles/main.css into web/dist/assets/ under
// content-hashed names, and writes web/dist/manifest.json, which the pages read to link them.
// `npm start` calls ensureWebBuild() so a fresh clone serves working pages.
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Entry name in the manifest → source file. */
export const WEB_ENTRIES = {
  'main.css': 'web/styles/main.css',
  'charts.js': 'web/citizen/client/charts.ts',
  'feedback.js': 'web/citizen/client/feedback.ts',
  'follow.js': 'web/citizen/client/follow.ts',
  'push-sw.js': 'web/citizen/client/push-sw.ts',
};

const SOURCE_DIRS = ['web/citizen/client', 'web/styles'];
/** Files outside those folders that a client bundle imports (the feedback script formats dates as the pages do). */
const SOURCE_FILES = ['web/format.ts'];

/**
 * Builds the bundles into `<distDir>/assets` and writes `<distDir>/manifest.json` last (through a
 * rename, so a reader never sees half a manifest). Returns the manifest.
 */
export async function buildWeb({ root = ROOT, distDir = join(root, 'web', 'dist'), clean = false, log = false } = {}) {
  const assetsDir = join(distDir, 'assets');
  if (clean) await rm(distDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(
      Object.entries(WEB_ENTRIES).map(([name, source]) => [name.replace(/\.(js|css)$/, ''), source]),
    ),
    outdir: assetsDir,
    entryNames: '[name].[hash]',
    bundle: true,
    format: 'esm',
    // Phones a few years old, including the WebViews of the apps people open links in.
    target: ['es2019', 'chrome80', 'safari14.1', 'firefox78'],
    minify: true,
    treeShaking: true,
    // Chart.js is MIT-licensed: its notice travels with the code.
    legalComments: 'eof',
    metafile: true,
    logLevel: log ? 'info' : 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const entries = {};
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const source = relative(root, join(root, meta.entryPoint)).split('\\').join('/');
    const name = Object.entries(WEB_ENTRIES).find(([, s]) => s === source)?.[0];
    if (name) entries[name] = output.split('/').pop();
  }
  for (const name of Object.keys(WEB_ENTRIES)) {
    if (!entries[name]) throw new Error(`the web build produced no file for ${name}`);
  }
  const manifest = { entries, builtAt: new Date().toISOString() };
  const temporary = join(distDir, `manifest.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temporary, join(distDir, 'manifest.json'));
  return manifest;
}

async function newestSource(root) {
  let newest = 0;
  for (const dir of SOURCE_DIRS) {
    for (const entry of await readdir(join(root, dir), { withFileTypes: true }).catch(() => [])) {
      if (entry.isFile()) newest = Math.max(newest, (await stat(join(root, dir, entry.name))).mtimeMs);
    }
  }
  for (const file of SOURCE_FILES)
    newest = Math.max(
      newest,
      await stat(join(root, file)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    );
  return newest;
}

/**
 * Builds when web/dist has no manifest, or when a client source is newer than it. Returns whether
 * it built.
 */
export async function ensureWebBuild({ root = ROOT, distDir = join(root, 'web', 'dist') } = {}) {
  const built = await stat(join(distDir, 'manifest.json')).then(
    (s) => s.mtimeMs,
    () => null,
  );
  if (built !== null && built >= (await newestSource(root))) return false;
  await buildWeb({ root, distDir });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const manifest = await buildWeb({ clean: true, log: true });
  console.log(`web bundles built in ${Math.round(performance.now() - started)} ms:`);
  for (const [name, file] of Object.entries(manifest.entries)) console.log(`  ${name} → web/dist/assets/${file}`);
}
