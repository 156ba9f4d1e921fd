import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LocalConfig } from '../../shared/config.js';
import { createDocumentClient, type Store } from '../../shared/store/client.js';
import { startDynalite, type EmbeddedStore } from '../../shared/store/dynalite.js';

export interface LocalStore {
  store: Store;
  /** What the store is, in words, for the start-up banner. */
  description: string;
  close(): Promise<void>;
}

const endpointFile = (dataDir: string) => join(dataDir, 'dynalite.json');

/**
 * The store of a local process. dynalite keeps its data folder locked while it runs, so a second
 * process on the same DATA_DIR (`npm run aggregate` beside `npm start`) talks to the running one
 * through the endpoint it published, and only starts its own when none is running.
 */
export async function openLocalStore(config: LocalConfig, options: { publish: boolean }): Promise<LocalStore> {
  const dataDir = resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const connect = (endpoint: string) => ({
    client: createDocumentClient({ region: config.AWS_REGION, endpoint }),
    tableName: config.TABLE_NAME,
  });
  if (config.DYNAMODB_ENDPOINT) {
    const store = connect(config.DYNAMODB_ENDPOINT);
    return { store, description: config.DYNAMODB_ENDPOINT, close: () => Promise.resolve(store.client.destroy()) };
  }
  const running = await runningEndpoint(dataDir);
  if (running) {
    const store = connect(running);
    return {
      store,
      description: `the dynalite of the running server at ${running}`,
      close: () => Promise.resolve(store.client.destroy()),
    };
  }
  const embedded: EmbeddedStore = await startDynalite({ path: join(dataDir, 'dynamodb') });
  if (options.publish)
    await writeFile(endpointFile(dataDir), JSON.stringify({ endpoint: embedded.endpoint, pid: process.pid }));
  const store = connect(embedded.endpoint);
  return {
    store,
    description: `dynalite at ${join(dataDir, 'dynamodb')}`,
    async close() {
      store.client.destroy();
      if (options.publish) await rm(endpointFile(dataDir), { force: true });
      await embedded.close();
    },
  };
}

async function runningEndpoint(dataDir: string): Promise<string | null> {
  try {
    const { endpoint, pid } = JSON.parse(await readFile(endpointFile(dataDir), 'utf8')) as {
      endpoint: string;
      pid: number;
    };
    process.kill(pid, 0); // throws if that process is gone
    await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    return endpoint;
  } catch {
    return null;
  }
}
