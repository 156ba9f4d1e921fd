/**
 * `npm run build:openapi`: the API contract's build-time artefacts.
 *
 * - shared/http/api/openapi.json: the OpenAPI 3.1 document, from the routes' contract modules and the zod
 *   schemas the routes validate with. Its examples are real answers: every example request is sent
 *   to the real app on a scratch in-memory store (the plan, plus a few illustrative values, ratings
 *   and comments), and must get the documented status and validate against the documented schema.
 *   Committed (reviewable in diffs); served as a static file, so the Lambda carries neither the
 *   generator nor the document.
 * - shared/api/docs-assets.json: the content-hashed names of the static files (the document and the
 *   reference page's scripts); committed, and the only part the API function bundles.
 * - web/dist/assets/api-docs/: those files, for the deployment to upload under /assets/ (git-ignored).
 * - docs/open-data.md: its generated part, the column tables from shared/open-data/datasets.ts.
 * - the plan file format's JSON Schema and the tables of docs/plan-format.md (scripts/build-plan-format.ts).
 *
 * `--check` writes nothing and fails when a committed file is not what the sources give
 * (tests/integration/openapi.test.ts does the same).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { createApp } from '../functions/local/app.js';
import { appDeps } from '../shared/http/deps.js';
import { LocalConfig, parseConfig } from '../shared/config.js';
import { DEV_CLIENT_ID, devIdentityRoutes, issueDevToken, loadDevKeys } from '../functions/local/dev-identity.js';
import type { Role } from '../shared/auth/roles.js';
import { remoteKeys, staffVerifier } from '../shared/auth/verifier.js';
import { PROBLEMS } from '../shared/http/problem.js';
import { examplePath, type ExampleRequest, type Operation } from '../shared/api/operation.js';
import { EXAMPLE_PROJECT, EXAMPLE_RECEIPT_CODE, EXAMPLE_VAPID_KEY } from '../shared/http/api/contract-parts.js';
import { normaliseReceiptCode, receiptBook, receiptDigest } from '../shared/cases/receipt.js';
import { OPERATIONS } from '../shared/http/api/operations.js';
import {
  DOCS_ASSETS,
  hashedName,
  INITIALIZER_JS,
  SWAGGER_UI_FILES,
  type DocsAsset,
  type DocsAssetsManifest,
} from '../shared/api/docs-assets.js';
import { openApiDocument, shorten, type RecordedAnswer } from '../shared/api/openapi.js';
import type { VoterTokens } from '../shared/feedback/voter-token.js';
import { feedbackShard } from '../shared/store/keys.js';
import { withGeneratedDictionary } from '../shared/open-data/dictionary.js';
import { planFormatArtefacts } from './build-plan-format.js';
import { firstLines, stableIds } from './example-text.js';
import { loadPlan as readPlanFile } from '../shared/plan/load.js';
import { aggregate } from '../shared/ratings/aggregate.js';
import { targetIndexOf } from '../shared/ratings/target-index.js';
import { aggregationRepository } from '../shared/store/aggregation-repository.js';
import { ensureTable, loadPlan } from '../shared/store/bootstrap.js';
import { createDocumentClient, type Store } from '../shared/store/client.js';
import { startDynalite } from '../shared/store/dynalite.js';
import { planRepository } from '../shared/store/plan-repository.js';

const ROOT = new URL('../', import.meta.url);
export const OUTPUTS = {
  openapi: new URL('shared/http/api/openapi.json', ROOT),
  docsAssets: new URL('shared/api/docs-assets.json', ROOT),
  openDataDoc: new URL('docs/open-data.md', ROOT),
  assetsDir: new URL('web/dist/assets/api-docs/', ROOT),
  swaggerUi: new URL('node_modules/swagger-ui-dist/', ROOT),
} as const;

/** The API's major version: the `/api/v1` of every path. */
const API_VERSION = '1';

/** The development identity provider's issuer and the staff members the examples are sent as. */
const EXAMPLE_ISSUER = 'http://localhost:3000/dev-idp';
const EXAMPLE_STAFF: Record<Role, { sub: string; name: string }> = {
  monitor: { sub: 'example-monitor', name: '示例审核员 · Example monitor' },
  publisher: { sub: 'example-publisher', name: '示例发布者 · Example publisher' },
  admin: { sub: 'example-admin', name: '示例管理员 · Example administrator' },
};

const ILLUSTRATIVE = {
  recordedBy: '示例发布者 · Example publisher',
  reason:
    '示例数值，仅用于接口文档，并非官方数据 · Illustrative value for the API documentation, not an official figure',
  source: '示例 · Example',
};

/**
 * The scratch store the examples are recorded on: the plan, two indicators with illustrative
 * values (one corrected), ratings from distinct voters in November 2026 with a few comments, two
 * of them published, and one aggregation run. Fixed clock and ids: the same sources give the same
 * document, byte for byte.
 */
export async function scenario(store: Store) {
  const plan = readPlanFile();
  await loadPlan(store, plan);
  const plans = planRepository(store);
  const at = (iso: string) => new Date(iso);
  await plans.appendObservation(
    plan.id,
    { indicatorId: 'gdp', year: 2021, value: 476.2, ...ILLUSTRATIVE },
    at('2022-03-15T02:00:00Z'),
  );
  await plans.appendObservation(
    plan.id,
    { indicatorId: 'gdp', year: 2022, value: 503.9, ...ILLUSTRATIVE },
    at('2023-03-15T02:00:00Z'),
  );
  await plans.appendObservation(
    plan.id,
    {
      indicatorId: 'gdp',
      year: 2022,
      value: 501.7,
      ...ILLUSTRATIVE,
      reason: `${ILLUSTRATIVE.reason}（更正 · correction）`,
    },
    at('2023-06-30T02:00:00Z'),
  );
  await plans.appendObservation(
    plan.id,
    { indicatorId: 'pm25-concentration', year: 2021, value: 0.02, ...ILLUSTRATIVE },
    at('2022-04-01T02:00:00Z'),
  );

  // Staff examples are signed by the development identity provider with keys made for this build
  // alone (thrown away at the end); the app verifies them through the provider's JWKS endpoint, the
  // path a Cognito key set takes. The tokens are not in the document, only what the app answered.
  const keysDir = mkdtempSync(join(tmpdir(), 'gongping-openapi-idp-'));
  const keys = await loadDevKeys(keysDir);
  await rm(keysDir, { recursive: true, force: true });
  const idp = devIdentityRoutes(keys, () => EXAMPLE_ISSUER);
  const staffAuth = staffVerifier({
    issuer: EXAMPLE_ISSUER,
    clientIds: [DEV_CLIENT_ID],
    keys: remoteKeys(`${EXAMPLE_ISSUER}/.well-known/jwks.json`, async (url, init) =>
      idp.request(new URL(String(url)).pathname, init),
    ),
  });
  const bearer = async (roles: readonly Role[]) => {
    const staff = EXAMPLE_STAFF[roles[0] ?? 'monitor'];
    return `Bearer ${await issueDevToken(keys, { issuer: EXAMPLE_ISSUER, roles: [...roles], ...staff })}`;
  };

  let tick = 0;
  let sequence = 0;
  // Voter tokens are random by design (the shard of a rating, and so a comment cursor, depends on
  // the voter id): the scenario's voters are numbered instead.
  const tokens = new Map<string, string>();
  const exampleVoters: VoterTokens = {
    issue() {
      const voterId = `example-voter-${String(tokens.size + 1).padStart(3, '0')}`;
      tokens.set(`example-token-${voterId}`, voterId);
      return { voterId, token: `example-token-${voterId}` };
    },
    verify: (token) => tokens.get(token) ?? null,
  };
  // Receipt codes are random by design: every case of the scenario is issued the same one, so the
  // look-up, the case's feed and a push subscription can be shown succeeding.
  const book = receiptBook('openapi-examples-secret-not-used-anywhere-else');
  const exampleCode = normaliseReceiptCode(EXAMPLE_RECEIPT_CODE)!;
  const exampleSalt = Buffer.alloc(16, 7).toString('base64url');
  const deps = {
    ...appDeps(store, parseConfig(LocalConfig, { COOKIE_SECURE: 'true' }), {
      voterTokenSecret: 'openapi-examples-secret-not-used-anywhere-else',
      clientOrigin: { originVerifyValue: null, trustViewerAddress: false },
      staffAuth,
      logger: new Logger({ serviceName: 'build-openapi', logLevel: 'SILENT' }),
    }),
    clock: () => new Date(Date.parse('2026-11-02T01:00:00Z') + 60_000 * tick++),
    newId: () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`,
    voterTokens: exampleVoters,
    receipts: {
      ...book,
      issue: () => ({
        code: exampleCode,
        stored: { salt: exampleSalt, hash: receiptDigest(exampleSalt, exampleCode).toString('base64url') },
        sealed: book.seal(exampleCode),
      }),
    },
    push: { publicKey: EXAMPLE_VAPID_KEY, extraOrigins: [] },
  };
  let voter = 0;
  const app = createApp(deps);

  const ratings: Array<[string, string, number, string?]> = [
    ...[5, 4, 4, 3, 5, 4, 2, 4, 5, 3, 4, 1].map((r, i): [string, string, number, string?] => [
      'indicator',
      'gdp',
      r,
      i === 0 ? '希望同时公布增速，便于和目标比较。' : i === 6 ? '2022年数据更正的原因应说明得更清楚。' : undefined,
    ]),
    ...[2, 3, 2, 1, 4].map((r): [string, string, number] => ['indicator', 'pm25-concentration', r]),
    ...[5, 4, 5].map((r): [string, string, number] => ['project', EXAMPLE_PROJECT, r]),
    // Two comments left in the moderation queue, for the moderation examples.
    ['indicator', 'pm25-concentration', 3, '能否按月公布PM2.5浓度？'],
    ['indicator', 'pm25-concentration', 3, '示例留言：待审核 · an example comment awaiting moderation'],
  ];
  const pending = ratings.length - 2;
  const toPublish: Array<{ shard: number; recordedAt: string; feedbackId: string }> = [];
  for (const [targetType, targetId, rating, comment] of ratings) {
    voter++;
    const issued = deps.voterTokens.issue();
    const res = await app.request('/api/v1/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Voter-Token': issued.token },
      body: JSON.stringify({ targetType, targetId, rating, ...(comment ? { comment } : {}) }),
    });
    if (res.status !== 201) throw new Error(`scenario rating ${voter} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { feedbackId: string; recordedAt: string };
    if (comment && voter <= pending)
      toPublish.push({
        shard: feedbackShard(issued.voterId, targetType as 'indicator' | 'project', targetId),
        ...body,
      });
  }
  for (const ref of toPublish)
    await deps.moderation.setCommentStatus(ref, 'published', new Date(Date.parse(ref.recordedAt) + 3_600_000));
  const snapshot = await plans.snapshot(plan.id);
  await aggregate({
    repo: aggregationRepository(store),
    targets: () => Promise.resolve(targetIndexOf(snapshot!)),
    clock: () => new Date('2026-11-10T00:00:00Z'),
    settleMs: 0,
    maxBatch: 1000,
    minRatings: 10,
  });
  return { app, bearer, stableIds: new Map<string, string>() };
}

type Scenario = Awaited<ReturnType<typeof scenario>>;

/** The request of an example, as the build and tests/integration/openapi.test.ts send it. */
export async function exampleRequest(
  { app, bearer }: Scenario,
  op: Operation,
  example: ExampleRequest,
): Promise<Response> {
  const headers: Record<string, string> = {
    ...(example.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...(example.text !== undefined && op.textBody ? { 'Content-Type': `${op.textBody.mediaType}; charset=utf-8` } : {}),
    ...(example.staff ? { Authorization: await bearer(example.staff) } : {}),
    ...example.headers,
  };
  return app.request(examplePath(op, example), {
    method: op.method.toUpperCase(),
    headers,
    ...(example.body !== undefined
      ? { body: JSON.stringify(example.body) }
      : example.text !== undefined
        ? { body: example.text }
        : {}),
  });
}

async function record(world: Scenario, op: Operation, example: ExampleRequest): Promise<RecordedAnswer> {
  const res = await exampleRequest(world, op, example);
  const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const text = stableIds(world.stableIds, await res.text());
  const isJson = mediaType === 'application/json' || mediaType === 'application/problem+json';
  // A feed is shown to its first entry, a CSV file by its header and first rows. The reference
  // page is not shown: it names the hashed files this very build produces.
  const body = isJson
    ? (JSON.parse(text) as unknown)
    : mediaType === 'text/html' || text === ''
      ? undefined
      : firstLines(text, mediaType === 'application/atom+xml' ? 36 : 4);
  if (res.status !== example.status)
    throw new Error(
      `${op.operationId}/${example.name}: ${examplePath(op, example)} answered ${res.status}, documented ${example.status}: ${text.slice(0, 300)}`,
    );
  const spec = op.responses[res.status];
  if (spec?.schema) {
    for (const [label, value] of [
      ['answer', body],
      ['example', shorten(body)],
    ] as const) {
      const parsed = spec.schema.safeParse(value);
      if (!parsed.success) {
        throw new Error(
          `${op.operationId}/${example.name}: the ${label} does not match the documented schema:\n${parsed.error.issues
            .slice(0, 5)
            .map((i) => `  ${i.path.join('.')}: ${i.message}`)
            .join('\n')}`,
        );
      }
    }
  }
  if (spec && !spec.schema && spec.mediaType && mediaType !== spec.mediaType)
    throw new Error(`${op.operationId}: answered ${mediaType}, documented ${spec.mediaType}`);
  return { status: res.status, mediaType, body };
}

export async function buildDocument(): Promise<Record<string, unknown>> {
  const embedded = await startDynalite();
  const client = createDocumentClient({ region: 'local', endpoint: embedded.endpoint });
  const scratch = async () => {
    const store: Store = { client, tableName: `openapi-${randomBytes(4).toString('hex')}` };
    await ensureTable(store);
    return scenario(store);
  };
  try {
    // A plan-scoped operation's two paths are sent the same example requests: each path gets a
    // scenario of its own, so the scoped path's first value is not the alias's value sent again.
    const worlds = { alias: await scratch(), inPlan: await scratch() };
    const answers = new Map<string, RecordedAnswer>();
    for (const op of OPERATIONS) {
      const world = op.operationId.endsWith('InPlan') ? worlds.inPlan : worlds.alias;
      for (const example of op.examples)
        answers.set(`${op.operationId}/${example.name}`, await record(world, op, example));
    }
    return openApiDocument({ operations: OPERATIONS, problems: PROBLEMS, answers, version: API_VERSION });
  } finally {
    client.destroy();
    await embedded.close();
  }
}

/** The static files: logical name → content. */
export async function docsAssetFiles(openapiJson: string): Promise<Record<DocsAsset, Uint8Array | string>> {
  const files = {} as Record<DocsAsset, Uint8Array | string>;
  for (const [name, file] of Object.entries(SWAGGER_UI_FILES))
    files[name as DocsAsset] = new Uint8Array(await readFile(new URL(file, OUTPUTS.swaggerUi)));
  files['api-docs.js'] = INITIALIZER_JS;
  files['openapi.json'] = openapiJson;
  return files;
}

export async function docsAssetsManifest(files: Record<DocsAsset, Uint8Array | string>): Promise<DocsAssetsManifest> {
  const { version } = JSON.parse(await readFile(new URL('package.json', OUTPUTS.swaggerUi), 'utf8')) as {
    version: string;
  };
  return {
    swaggerUiVersion: version,
    files: Object.fromEntries(DOCS_ASSETS.map((name) => [name, hashedName(name, files[name])])) as Record<
      DocsAsset,
      string
    >,
  };
}

export const asJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every committed artefact, as the sources give it now. */
export async function expectedArtefacts() {
  const [document, openData] = await Promise.all([
    buildDocument(),
    readFile(OUTPUTS.openDataDoc, 'utf8').then((text) => withGeneratedDictionary(text)),
  ]);
  const openapiJson = asJson(document);
  const files = await docsAssetFiles(openapiJson);
  const manifest = await docsAssetsManifest(files);
  const planFormat = await planFormatArtefacts();
  return {
    files,
    manifest,
    outputs: new Map<URL, string>([
      [OUTPUTS.openapi, openapiJson],
      [OUTPUTS.docsAssets, asJson(manifest)],
      [OUTPUTS.openDataDoc, openData],
      ...planFormat,
    ]),
  };
}

async function main() {
  const check = process.argv.includes('--check');
  const started = performance.now();
  const { files, manifest, outputs } = await expectedArtefacts();
  const stale: string[] = [];
  for (const [url, content] of outputs) {
    const current = await readFile(url, 'utf8').catch(() => null);
    if (current === content) continue;
    stale.push(fileURLToPath(url));
    if (!check) await writeFile(url, content);
  }
  if (check) {
    if (stale.length > 0) {
      console.error(`out of date (run npm run build:openapi):\n${stale.map((s) => `  ${s}`).join('\n')}`);
      process.exit(1);
    }
    console.log(
      'the API document, the docs asset manifest, docs/open-data.md and the plan format’s schema and tables are up to date',
    );
    return;
  }
  await mkdir(OUTPUTS.assetsDir, { recursive: true });
  for (const name of DOCS_ASSETS) await writeFile(new URL(manifest.files[name], OUTPUTS.assetsDir), files[name]);
  console.log(
    [
      `API contract built in ${Math.round(performance.now() - started)} ms (${OPERATIONS.length} operations):`,
      ...[...outputs.keys()].map(
        (url) => `  ${fileURLToPath(url)}${stale.includes(fileURLToPath(url)) ? ' (updated)' : ' (unchanged)'}`,
      ),
      `  ${fileURLToPath(OUTPUTS.assetsDir)}: ${DOCS_ASSETS.map((n) => manifest.files[n]).join(', ')} (swagger-ui-dist ${manifest.swaggerUiVersion})`,
    ].join('\n'),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
