import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { AGGREGATE_ENTRY } from '../../infra/constructs/aggregation.js';
import { API_ENTRY, DOWNLOADS_ENTRY, STAFF_ENTRY, STAFF_PAGES_ENTRY, WEB_ENTRY } from '../../infra/constructs/api.js';
import { ESM_REQUIRE_BANNER, LAMBDA_ALIASES } from '../../infra/constructs/function.js';
import { machine, median, writeSection } from './results.js';

/**
 * `npx tsx tests/bench/bundles.ts`: the size of every function's bundle (api, staff, web,
 * downloads, staff-pages, aggregate) and the time Node takes to load each (import, including its top-level start-up code), measured side by side in one
 * run against a reference bundle holding only the DynamoDB client and a trivial handler. Each load is
 * a fresh `node` process, as a cold Lambda container is; rounds rotate the order so that no bundle
 * always runs first or last. Writes the "Bundles" section of tests/bench/RESULTS.md.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const AIM = { bytes: 1.3, load: 1.15 };
/**
 * The aim is for the functions whose cold starts citizens and the schedule wait on: the citizen
 * API (the hot path) and the aggregation. Staff and web are measured for the record.
 */
const AIMED_AT = new Set(['api', 'aggregate']);

const work = mkdtempSync(join(tmpdir(), 'gongping-bundles-'));
const referenceEntry = join(work, 'reference.ts');
// What every function needs at the least: the DynamoDB client, wrapped as shared/store/client.ts does.
writeFileSync(
  referenceEntry,
  `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));
export const handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });
`,
);

interface Bundle {
  name: string;
  /** Bytes in the bundle per package (or per source folder), largest first. */
  contributors: [string, number][];
  file: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
}

/**
 * The same esbuild options as GongpingFunction (infra/constructs/function.ts) gives NodejsFunction;
 * `standardSdk` leaves out its package aliases, for the reference as the budget defines it: a plain
 * DynamoDB client with the SDK's own default credential chain.
 */
async function bundle(name: string, entry: string, { standardSdk = false } = {}): Promise<Bundle> {
  const dir = join(work, name);
  mkdirSync(dir);
  const file = join(dir, 'index.mjs');
  const result = await build({
    entryPoints: [entry],
    metafile: true,
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    alias: standardSdk ? {} : LAMBDA_ALIASES,
    nodePaths: [join(process.cwd(), 'node_modules')],
    logLevel: 'silent',
  });
  const code = readFileSync(file);
  const groups = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(v4\/locales\/)?/);
      const key = pkg
        ? `${pkg[1]}${pkg[2] ? ' (locales)' : ''}`
        : input.startsWith(work)
          ? 'handler'
          : input.replace(/\/[^/]+$/, '/');
      groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
    }
  }
  const contributors = [...groups].sort((a, b) => b[1] - a[1]);
  return {
    name,
    contributors,
    file,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    mapBytes: statSync(`${file}.map`).size,
  };
}

const env = {
  ...process.env,
  AWS_REGION: 'ap-southeast-1',
  TABLE_NAME: 'gongping-bench',
  VOTER_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  ORIGIN_VERIFY_VALUE: 'bench-origin-bench-origin-bench-origin-01',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  NODE_NO_WARNINGS: '1',
};

/** Milliseconds to import the bundle in a fresh process (handler module evaluated, nothing invoked). */
function loadTime(file: string, sourceMaps: boolean): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); process.stdout.write(String(performance.now() - t));`;
  const result = spawnSync(
    process.execPath,
    [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script],
    {
      env,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`loading ${file} failed:\n${result.stderr}`);
  return Number(result.stdout);
}

const bundles = [
  await bundle('reference', referenceEntry, { standardSdk: true }),
  await bundle('reference-env', referenceEntry),
  await bundle('api', API_ENTRY),
  await bundle('staff', STAFF_ENTRY),
  await bundle('web', WEB_ENTRY),
  await bundle('downloads', DOWNLOADS_ENTRY),
  await bundle('staff-pages', STAFF_PAGES_ENTRY),
  await bundle('aggregate', AGGREGATE_ENTRY),
];
const times: Record<string, { maps: number[]; plain: number[] }> = Object.fromEntries(
  bundles.map((b) => [b.name, { maps: [], plain: [] }]),
);
for (const b of bundles) loadTime(b.file, true); // warm the file cache once
for (let round = 0; round < ROUNDS; round++) {
  const order = bundles.map((_, i) => bundles[(i + round) % bundles.length]!);
  for (const b of order) {
    times[b.name]!.maps.push(loadTime(b.file, true));
    times[b.name]!.plain.push(loadTime(b.file, false));
  }
}

const reference = bundles[0]!;
const refMaps = median(times.reference!.maps);
const refPlain = median(times.reference!.plain);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;
const rows = bundles.map((b) => {
  const maps = median(times[b.name]!.maps);
  const plain = median(times[b.name]!.plain);
  return `| ${b.name === 'reference' ? 'reference (DynamoDB client + trivial handler)' : b.name === 'reference-env' ? 'reference, built as the functions are (credentials from the environment only)' : b.name} | ${kib(b.bytes)} | ${ratio(b.bytes, reference.bytes)} | ${kib(b.gzipBytes)} | ${kib(b.mapBytes)} | ${ms(maps)} | ${ratio(maps, refMaps)} | ${ms(plain)} | ${ratio(plain, refPlain)} |`;
});
const verdict = bundles
  .filter((b) => !b.name.startsWith('reference'))
  .map((b) => {
    const bytes = b.bytes / reference.bytes;
    const load = median(times[b.name]!.maps) / refMaps;
    if (!AIMED_AT.has(b.name))
      return `${b.name}: ${bytes.toFixed(2)}× bytes, ${load.toFixed(2)}× load time with source maps (no aim: off the citizens' hot path)`;
    return `${b.name}: ${bytes.toFixed(2)}× bytes (aim ≤ ${AIM.bytes}×: ${bytes <= AIM.bytes ? 'met' : 'not met'}), ${load.toFixed(2)}× load time with source maps (aim ≤ ${AIM.load}×: ${load <= AIM.load ? 'met' : 'not met'})`;
  });

const body = `
Machine: ${machine()}. Written ${new Date().toISOString()} by \`tests/bench/bundles.ts\`.
Bundles built with the options of \`infra/constructs/function.ts\` (esbuild, ESM, node22, minified, linked source map without sources, AWS SDK bundled). Load time: median of ${ROUNDS} fresh \`node\` processes per bundle, each timing \`await import(bundle)\` (top-level start-up code included, no invocation), rounds interleaved in rotating order; "with source maps" runs \`node --enable-source-maps\` as the functions do in Lambda (NODE_OPTIONS).

| Bundle | index.mjs | × reference | gzip | source map | Load, with source maps | × reference | Load, without | × reference |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Every function is built with the credentials alias of \`infra/constructs/function.ts\` (the SDK's default chain replaced by the environment, where Lambda puts a function's credentials); the reference is the plain DynamoDB client the budget names, and the second row shows the reference built the functions' way, for comparison.
The aim (at most ${AIM.bytes}× the reference's bytes and ${AIM.load}× its load time) applies to the citizen API function and the aggregation function (${[...AIMED_AT].join(', ')}).

${verdict.map((line) => `- ${line}`).join('\n')}

Largest contributors (minified bytes in index.mjs):
${bundles
  .map(
    (b) =>
      `- ${b.name}: ${b.contributors
        .slice(0, 6)
        .map(([key, bytes]) => `${key} ${kib(bytes)}`)
        .join(', ')}`,
  )
  .join('\n')}
`;
await writeSection('Bundles', body);
console.log(body);
