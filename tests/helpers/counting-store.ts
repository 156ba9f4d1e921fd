import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../shared/store/client.js';

/**
 * The real store, counting what is sent to it: commands by name, and the read units the store
 * reports (ReturnConsumedCapacity is added to every command, as the bench does).
 */
export function countingStore(store: Store) {
  const counts = { commands: new Map<string, number>(), readUnits: 0 };
  const client = new Proxy(store.client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const name = command.constructor.name;
        counts.commands.set(name, (counts.commands.get(name) ?? 0) + 1);
        command.input.ReturnConsumedCapacity = 'TOTAL';
        const output = (await target.send(command as Parameters<DynamoDBDocumentClient['send']>[0])) as {
          ConsumedCapacity?: { CapacityUnits?: number };
        };
        if (/^(Get|Query|BatchGet|Scan)/.test(name)) counts.readUnits += output.ConsumedCapacity?.CapacityUnits ?? 0;
        return output;
      };
    },
  });
  return {
    store: { client, tableName: store.tableName } satisfies Store,
    counts,
    reset() {
      counts.commands.clear();
      counts.readUnits = 0;
    },
    /** Every command sent since the last reset, as `{ GetCommand: 1 }`. */
    sent: () => Object.fromEntries(counts.commands),
  };
}
