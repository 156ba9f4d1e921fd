import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/local-server.js';

/**
 * `npm start` prints what a developer needs (where it listens, the store, the plan) and nothing
 * else: no notice of the AWS SDK about Node versions. vitest.config.ts silences that notice for
 * the tests; the server is started here without that setting, as `npm start` is run.
 */
const SDK_NOTICE = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
const nodeMajor = Number(process.versions.node.split('.')[0]);
const servers: RunningServer[] = [];
const dirs: string[] = [];

async function start(notice: string | undefined) {
  const dir = await mkdtemp(join(tmpdir(), 'gongping-quiet-'));
  dirs.push(dir);
  const server = await startServer({ DATA_DIR: dir, AGGREGATE_EVERY: '0', [SDK_NOTICE]: notice });
  servers.push(server);
  // The SDK warns when the first client is made, before the server listens; give stderr a moment to arrive.
  await (await fetch(`${server.base}/api/v1/health`)).arrayBuffer();
  return server;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('npm start', () => {
  it('prints no warning of the AWS SDK about the Node version', async () => {
    const output = (await start(undefined)).output();
    expect(output).toContain('gongping is listening on');
    expect(output).not.toContain('NodeVersionSupportWarning');
    expect(output).not.toMatch(/\(node:\d+\) Warning/);
  });

  // The check above proves something only where the SDK would warn: Node before 22.
  it.runIf(nodeMajor < 22)('still shows it when asked to (the setting is only a default)', async () => {
    expect((await start('false')).output()).toContain('NodeVersionSupportWarning');
  });
});
