#!/usr/bin/env node
// Runs a command against AWS's DynamoDB Local, so the integration suite is proved on more than
// dynalite. The emulator (DynamoDB Local 1.25 with its libraries) ships in the `emulator/` folder
// of the npm package amplify-dynamodb-simulator; it is fetched with `npm pack` into a cache folder
// on first use (not installed: the package's own dependencies weigh some 300 MB and are not
// needed), checked against the pinned integrity, and run with the machine's Java.
// Usage: node scripts/with-dynamodb-local.mjs <command> [args...]
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const INTEGRITY = 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';
const cacheDir = join(process.cwd(), 'node_modules', '.cache', 'dynamodb-local');
const jarDir = join(cacheDir, 'package', 'emulator');

function fetchJar() {
  if (existsSync(join(jarDir, 'DynamoDBLocal.jar'))) return;
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', cacheDir], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1);
  const path = join(cacheDir, tarball);
  const digest = `sha512-${createHash('sha512').update(readFileSync(path)).digest('base64')}`;
  if (digest !== INTEGRITY) throw new Error(`${PACKAGE} does not match its pinned integrity`);
  execFileSync('tar', ['xzf', path, '-C', cacheDir, 'package/emulator']);
  rmSync(path);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function waitUntilUp(endpoint, deadline) {
  while (Date.now() < deadline) {
    try {
      await fetch(endpoint);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`DynamoDB Local did not answer at ${endpoint}`);
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-dynamodb-local <command> [args...]');
  process.exit(2);
}
fetchJar();
const port = await freePort();
const java = spawn(
  'java',
  [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(jarDir, 'DynamoDBLocal.jar'),
    '-inMemory',
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ],
  {
    cwd: jarDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
java.on('error', (error) => {
  console.error(`cannot start DynamoDB Local (is Java installed?): ${error.message}`);
  process.exit(1);
});
const endpoint = `http://127.0.0.1:${port}`;
let code = 1;
try {
  await waitUntilUp(endpoint, Date.now() + 30_000);
  console.log(`DynamoDB Local is up at ${endpoint}`);
  code = await new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, TEST_DYNAMODB_ENDPOINT: endpoint } });
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
} catch (error) {
  console.error(error.message);
} finally {
  java.kill();
}
process.exit(code);
