import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

export interface RunningServer {
  base: string;
  child: ChildProcess;
  /** What the process printed so far (kept up to 100 kB: a benchmark must not spend its time on it). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A server entry (by default `npm start`'s, functions/local/server.ts) as a child process, resolved
 * once it prints the URL it listens on. Used by every test that drives a real server over loopback.
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  entry: string[] = ['functions/local/server.ts'],
): Promise<RunningServer> {
  const child = spawn(TSX, entry, { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 100_000) output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in: ${output}`)), 90_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/[^/\s]+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry.join(' ')} exited with ${code}: ${output}`));
    });
  });
  return {
    base,
    child,
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
