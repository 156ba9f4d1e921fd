import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../shared/store/client.js';

export class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

/**
 * The real store, with a process crash injected before chosen commands reach it: the command is
 * not sent, and the caller sees an exception, as if the process had died at that point.
 */
export function crashingStore(
  store: Store,
  crashBefore: (command: { constructor: { name: string }; input: unknown }) => boolean,
): Store {
  const client = new Proxy(store.client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string }; input: unknown }) => {
        if (crashBefore(command)) return Promise.reject(new InjectedCrash(`crash before ${command.constructor.name}`));
        return target.send(command as Parameters<DynamoDBDocumentClient['send']>[0]);
      };
    },
  });
  return { client, tableName: store.tableName };
}

/** A crash before the first write of an item of this type (a PutCommand whose item has that `type`). */
export const beforePutOf =
  (type: string) =>
  (command: { constructor: { name: string }; input: unknown }): boolean =>
    command.constructor.name === 'PutCommand' && (command.input as { Item: { type: string } }).Item.type === type;
