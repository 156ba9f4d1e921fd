import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalConfig, parseConfig } from '../../../shared/config.js';
import { startServer as startLocalServer, TSX as tsx } from '../../helpers/local-server.js';

/**
 * `npm start`'s entry as a child process on a data folder of the test's own, and `npm run
 * aggregate` beside it: the browser tests drive exactly what a newcomer runs.
 */

export type { RunningServer } from '../../helpers/local-server.js';

export const startServer = (dataDir: string) =>
  startLocalServer({ DATA_DIR: dataDir, AGGREGATE_EVERY: '0', AGGREGATE_SETTLE_SECONDS: '0', FORM_MIN_SECONDS: '0' });

/** One aggregation run against the running server's store (`npm run aggregate`). */
export async function aggregate(dataDir: string): Promise<string> {
  const child = spawn(tsx, ['functions/aggregate/cli.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, AGGREGATE_SETTLE_SECONDS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`npm run aggregate exited with ${code}: ${output}`);
  // The server checks the published ratings' version at most once per staleness window (docs/caching.md),
  // so its pages show the run's counts once the default window has passed.
  await sleep(parseConfig(LocalConfig, {}).STALENESS_WINDOW_SECONDS * 1000);
  return output;
}

/** A staff token from the development identity provider of the server's data folder (`npm run token`). */
export async function staffToken(dataDir: string, role: 'monitor' | 'publisher' | 'admin'): Promise<string> {
  const child = spawn(tsx, ['functions/local/token-cli.ts', '--role', role], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`token-cli exited ${code}`);
  return out.trim().split('\n').at(-1)!;
}
