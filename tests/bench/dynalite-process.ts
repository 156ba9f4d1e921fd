import { spawn } from 'node:child_process';

/**
 * dynalite in a process of its own, as a real store would be: the benchmarked code and the store
 * do not share one event loop, and each gets a core of this two-core machine.
 */
export async function startDynaliteProcess(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const script = `
    const dynalite = require('dynalite');
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    server.listen(0, '127.0.0.1', () => console.log(String(server.address().port)));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.kill())),
  };
}
