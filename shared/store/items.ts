import type * as z from 'zod/mini';
import { CorruptItemError } from '../errors.js';

const KEY_ATTRIBUTES = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type', 'expiresAt']);

/** Reads a stored item back into a domain type, checking it: the store is an input too. */
export function fromItem<S extends z.ZodMiniType>(schema: S, item: Record<string, unknown>): z.infer<S> {
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!KEY_ATTRIBUTES.has(name)) data[name] = value;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new CorruptItemError(`item ${String(item.PK)} / ${String(item.SK)} does not match its schema`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * Plan definitions (plan, indicators, history rows, projects) are read whole and never queried
 * by attribute, so they are stored as one JSON document each. That keeps their nested cells
 * intact, empty seed cells included, which older DynamoDB Local builds refuse as attributes.
 */
export const definitionItem = (key: { PK: string; SK: string }, type: string, entity: object) => ({
  ...key,
  type,
  data: JSON.stringify(entity),
});

export function fromDefinitionItem<S extends z.ZodMiniType>(schema: S, item: Record<string, unknown>): z.infer<S> {
  if (typeof item.data !== 'string')
    throw new CorruptItemError(`item ${String(item.PK)} / ${String(item.SK)} has no data`);
  return fromItem(schema, JSON.parse(item.data) as Record<string, unknown>);
}
