import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, type Store } from '../../shared/store/client.js';
import { startDynalite, type EmbeddedStore } from '../../shared/store/dynalite.js';
import { ensureTable } from '../../shared/store/bootstrap.js';

/**
 * A real store for a test file: dynalite in memory, or the endpoint in TEST_DYNAMODB_ENDPOINT
 * (DynamoDB Local, say), with a fresh table per file so files never see each other's data.
 */
export function useStore(): {
  readonly current: Store;
  scanAll(): Promise<Record<string, unknown>[]>;
  endpointUrl(): Promise<string>;
  tableArgs(tableName?: string): Promise<string[]>;
} {
  let embedded: EmbeddedStore | null = null;
  let store: Store | null = null;
  beforeAll(async () => {
    const external = process.env.TEST_DYNAMODB_ENDPOINT;
    if (!external) embedded = await startDynalite();
    const endpoint = external ?? embedded!.endpoint;
    store = { client: createDocumentClient({ region: 'local', endpoint }), tableName: `test-${randomUUID()}` };
    await ensureTable(store);
  });
  afterAll(async () => {
    store?.client.destroy();
    await embedded?.close();
  });
  return {
    get current() {
      if (!store) throw new Error('the store starts in beforeAll');
      return store;
    },
    async scanAll() {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await this.current.client.send(
          new ScanCommand({ TableName: this.current.tableName, ExclusiveStartKey }),
        );
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    /** The store's endpoint as a command-line tool is given it. */
    async endpointUrl() {
      const endpoint = await this.current.client.config.endpoint?.();
      if (!endpoint) throw new Error('the test store has an endpoint');
      return `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`;
    },
    /** The arguments naming a table of this store, as `npm run seed` and `npm run plan` take them. */
    async tableArgs(tableName?: string) {
      const table = tableName ?? this.current.tableName;
      return ['--table', table, '--region', 'ap-southeast-1', '--endpoint', await this.endpointUrl()];
    },
  };
}
