import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm start`'s entry as a child process on a data folder of the test's own, and `npm run
 * aggregate` beside it: the browser tests drive exactly what a newcomer runs.
 */
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

export interface RunningServer {
  base: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startServer(dataDir: string): Promise<RunningServer> {
  const child: ChildProcess = spawn(tsx, ['functions/api/local.ts'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, AGGREGATE_EVERY: '0', AGGREGATE_SETTLE_SECONDS: '0', FORM_MIN_SECONDS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in: ${output}`)), 60_000);
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/[^/]+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}: ${output}`));
    });
  });
  return {
    base,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

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
  return output;
}
