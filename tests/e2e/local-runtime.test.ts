import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, TSX as tsx, type RunningServer } from '../helpers/local-server.js';

/**
 * `npm start` as a newcomer runs it: the real entry point in a child process, dynalite on disk
 * in a fresh data folder, HTTP over loopback.
 */
const running = new Set<ChildProcess>();
let dataDir = '';

async function start(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServer(env);
  running.add(server.child);
  return server;
}

async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(tsx, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  running.delete(child);
}

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the API on a fresh data folder, and keeps ratings and voter tokens across a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gongping-e2e-'));
    const first = await start({ DATA_DIR: dataDir });
    expect(first.output()).toContain('31 indicators');
    expect(first.output()).toMatch(/table gongping, created/);

    const health = await fetch(`${first.base}/api/v1/health`);
    expect(health.status).toBe(200);
    const indicators = (await (await fetch(`${first.base}/api/v1/indicators`)).json()) as { count: number };
    expect(indicators.count).toBe(31);

    const posted = await fetch(`${first.base}/api/v1/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ targetType: 'indicator', targetId: 'forest-coverage', rating: 5, comment: '绿化很好' }),
    });
    expect(posted.status).toBe(201);
    const token = posted.headers.get('x-voter-token')!;
    await stop(first.child);

    const second = await start({ DATA_DIR: dataDir });
    expect(second.output()).toMatch(/table gongping, existing/);
    expect(second.output()).toContain('(unchanged)');
    const mine = (await (
      await fetch(`${second.base}/api/v1/me/feedback`, { headers: { 'X-Voter-Token': token } })
    ).json()) as {
      items: Array<{ targetId: string; rating: number; comment: string }>;
    };
    expect(mine.items).toMatchObject([{ targetId: 'forest-coverage', rating: 5, comment: '绿化很好' }]);
    await stop(second.child);
  });

  it('counts one client as one address whatever CloudFront-Viewer-Address it types, unless told a proxy sets it', async () => {
    const attack = async (base: string, times: number) => {
      const statuses: number[] = [];
      // No voter token: each request is a new voter, so only the per-address limit can stop them.
      for (let i = 0; i < times; i++) {
        const res = await fetch(`${base}/api/v1/feedback`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'CloudFront-Viewer-Address': `198.51.100.${i}:443` },
          body: JSON.stringify({ targetType: 'indicator', targetId: 'pm25-concentration', rating: 1 }),
        });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      return statuses;
    };
    const limitedDir = await mkdtemp(join(tmpdir(), 'gongping-e2e-limit-'));
    try {
      const plain = await start({ DATA_DIR: limitedDir, RATE_LIMIT_PER_ADDRESS: '5', AGGREGATE_EVERY: '0' });
      expect(await attack(plain.base, 8)).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
      await stop(plain.child);
      // Behind a proxy that sets the header itself, each address is its own client.
      const proxied = await start({
        DATA_DIR: limitedDir,
        RATE_LIMIT_PER_ADDRESS: '5',
        AGGREGATE_EVERY: '0',
        TRUST_VIEWER_ADDRESS: 'true',
      });
      expect(await attack(proxied.base, 8)).toEqual(Array(8).fill(201));
      await stop(proxied.child);
    } finally {
      await rm(limitedDir, { recursive: true, force: true });
    }
  });

  it('runs the aggregation with npm run aggregate beside the running server, on the same data folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gongping-e2e-'));
    const server = await start({ DATA_DIR: folder, AGGREGATE_EVERY: '0', AGGREGATE_SETTLE_SECONDS: '0' });
    try {
      const posted = await fetch(`${server.base}/api/v1/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ targetType: 'indicator', targetId: 'gdp', rating: 4 }),
      });
      expect(posted.status).toBe(201);
      const once = await runCli(['functions/aggregate/cli.ts'], { DATA_DIR: folder, AGGREGATE_SETTLE_SECONDS: '0' });
      expect(once.code).toBe(0);
      expect(once.output).toContain('the dynalite of the running server');
      expect(once.output).toMatch(/entries aggregated: 1 .* in 1 batch/);
      expect(once.output).toMatch(/counts updated: \d+/);
      const summary = (await (await fetch(`${server.base}/api/v1/indicators/gdp/ratings`)).json()) as {
        summary: { count: number };
      };
      expect(summary.summary.count).toBe(1);

      const rebuild = await runCli(['functions/aggregate/cli.ts', '--rebuild'], {
        DATA_DIR: folder,
        AGGREGATE_SETTLE_SECONDS: '0',
      });
      expect(rebuild.code).toBe(0);
      expect(rebuild.output).toContain('the incremental counts matched the recomputation exactly');
    } finally {
      await stop(server.child);
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('fails fast, naming the bad setting, when the configuration is wrong', async () => {
    const child = spawn(tsx, ['functions/local/server.ts'], {
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/invalid configuration:\n\s+PORT/);
    expect(output).not.toMatch(/at .*\.ts:\d+/);
  });
});
