import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../shared/store/client.js';

/**
 * The real store, counting what is sent to it: commands by name, the read units the store reports,
 * and the write units by the partition key's prefix of the item written (`VOTER`, `FEEDBACK`…);
 * ReturnConsumedCapacity is added to every command, as the bench does.
 */
export function countingStore(store: Store) {
  const counts = { commands: new Map<string, number>(), readUnits: 0, writeUnits: new Map<string, number>() };
  const client = new Proxy(store.client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return async (command: {
        constructor: { name: string };
        input: Record<string, unknown> & { Item?: { PK?: unknown }; Key?: { PK?: unknown } };
      }) => {
        const name = command.constructor.name;
        counts.commands.set(name, (counts.commands.get(name) ?? 0) + 1);
        command.input.ReturnConsumedCapacity = 'TOTAL';
        const output = (await target.send(command as Parameters<DynamoDBDocumentClient['send']>[0])) as {
          ConsumedCapacity?: { CapacityUnits?: number };
        };
        const units = output.ConsumedCapacity?.CapacityUnits ?? 0;
        if (/^(Get|Query|BatchGet|Scan)/.test(name)) counts.readUnits += units;
        if (/^(Put|Update|Delete)/.test(name)) {
          const prefix = String(command.input.Item?.PK ?? command.input.Key?.PK).split('#')[0]!;
          counts.writeUnits.set(prefix, (counts.writeUnits.get(prefix) ?? 0) + units);
        }
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
      counts.writeUnits.clear();
    },
    /** Every command sent since the last reset, as `{ GetCommand: 1 }`. */
    sent: () => Object.fromEntries(counts.commands),
    /** Write units since the last reset by the prefix of the item's partition key, as `{ VOTER: 1 }`. */
    written: () => Object.fromEntries(counts.writeUnits),
  };
}
