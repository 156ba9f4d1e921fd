import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll } from 'vitest';
import { apiGatewayEvent, planStoreEnvironment } from '../helpers/lambda.js';
import { useStore } from '../helpers/store.js';
import { logicalId, synthesise } from './synth.js';

/**
 * The code that would be uploaded to Lambda, not the sources: every bundle is taken from the
 * synthesised cloud assembly and invoked the way the Lambda runtime does, on a real (dynalite) table.
 * Shared by the bundle tests (tests/infra/bundle.test.ts) and the tests of the bundles as AWS runs them
 * (tests/infra/bundle-aws.test.ts).
 */
export function useBundles() {
  const synth = synthesise({}, { nag: false });
  const assetOf = (fn: Parameters<typeof logicalId>[0]) => {
    const key = synth.templates.app.findResources('AWS::Lambda::Function')[logicalId(fn)]!.Properties.Code
      .S3Key as string;
    return join(synth.outdir, `asset.${key.replace(/\.zip$/, '')}`);
  };
  const store = useStore();
  let env: Record<string, string>;
  beforeAll(async () => {
    env = await planStoreEnvironment(store.current, 'ap-southeast-1');
  });

  /** Imports a bundle as a fresh container would: configuration is read at import. */
  async function coldStart<T>(bundleDir: string, variables: Record<string, string | undefined>): Promise<T> {
    for (const name of PER_CONTAINER) delete process.env[name];
    Object.assign(process.env, env);
    for (const [name, value] of Object.entries(variables)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    return (await import(pathToFileURL(join(bundleDir, 'index.mjs')).href)) as T;
  }

  return {
    assets: {
      api: assetOf(synth.app.api.functions.api),
      staff: assetOf(synth.app.api.functions.staff),
      web: assetOf(synth.app.api.functions.web),
      downloads: assetOf(synth.app.api.functions.downloads),
      staffPages: assetOf(synth.app.api.functions.staffPages),
      verifier: assetOf(synth.app.api.originVerifier),
      aggregator: assetOf(synth.app.aggregation.fn),
      overdue: assetOf(synth.app.overdue.fn),
    },
    coldStart,
  };
}

/** Variables one cold start sets and the next must not inherit. */
const PER_CONTAINER = [
  'VOTER_TOKEN_SECRET',
  'VOTER_TOKEN_SECRET_ARN',
  'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT',
  'AWS_SESSION_TOKEN',
  'AUTH_ISSUER',
  'AUTH_CLIENT_ID',
];

/** A copy of a bundle: a module already imported from the asset folder would not start cold again. */
export function freshContainer(asset: string): string {
  const container = mkdtempSync(join(tmpdir(), 'gongping-container-'));
  for (const file of ['index.mjs', 'index.mjs.map']) copyFileSync(join(asset, file), join(container, file));
  return container;
}

/** The sources a bundle was built from, as its source map names them (relative to the repository or node_modules). */
export const sourcesOf = (bundleDir: string) =>
  (JSON.parse(readFileSync(join(bundleDir, 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources.map((source) =>
    relative(process.cwd(), resolve(bundleDir, source)).replace(/^.*node_modules\//, 'node_modules/'),
  );

/** An API Gateway v2 GET of another path, as the catch-all routes pass it on. */
export const getEvent = (path: string, headers: Record<string, string> = {}) => {
  const event = apiGatewayEvent('get-plan') as ReturnType<typeof apiGatewayEvent> & {
    requestContext: { http: Record<string, unknown> };
    headers: Record<string, string>;
  };
  return {
    ...event,
    routeKey: 'ANY /{proxy+}',
    rawPath: path,
    headers: { ...event.headers, ...headers },
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, path } },
  } as ReturnType<typeof apiGatewayEvent>;
};
