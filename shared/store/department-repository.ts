import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { Department } from '../departments/department.js';
import { ConflictError, CorruptItemError } from '../errors.js';
import { departmentsKey } from './keys.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';

const Stored = z.array(Department);

export interface DepartmentRepository {
  /** Every department, active or not, in the order they were added. */
  list(): Promise<Department[]>;
  /**
   * Replaces the list with `change(current)`, only if nobody changed it meanwhile (tried again a
   * few times, then ConflictError): so a CSV import is written whole or not at all.
   */
  change<T>(change: (current: Department[]) => { departments: Department[]; result: T }): Promise<T>;
}

/**
 * The departments over DynamoDB: one item (`DEPARTMENTS` / `LIST`) holding the whole list with a
 * version, small enough for hundreds of departments, and one conditional write for any change.
 */
export function departmentRepository(store: Store): DepartmentRepository {
  const { client, tableName } = store;
  const read = async () => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: departmentsKey, ConsistentRead: true }),
    );
    if (!Item) return { departments: [], version: 0 };
    const parsed = Stored.safeParse(JSON.parse(String(Item.departments)));
    if (!parsed.success) throw new CorruptItemError('the departments item does not match its schema');
    return { departments: parsed.data, version: Number(Item.version) };
  };
  return {
    list: async () => (await read()).departments,
    async change(change) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await read();
        const { departments, result } = change(current.departments);
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...departmentsKey,
                type: 'departments',
                departments: JSON.stringify(Stored.parse(departments)),
                version: current.version + 1,
              },
              ConditionExpression: current.version === 0 ? 'attribute_not_exists(PK)' : 'version = :version',
              ...(current.version === 0 ? {} : { ExpressionAttributeValues: { ':version': current.version } }),
            }),
          );
          return result;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      throw new ConflictError('the departments are being changed concurrently; try again');
    },
  };
}
