import type * as z from 'zod/mini';

/**
 * How every JSON Schema gongping publishes is generated from its zod schemas (the OpenAPI document's
 * models, the plan file format): draft 2020-12, nothing unrepresentable or cyclic let through,
 * shared parts written out in place.
 */
export const JSON_SCHEMA_OPTIONS = {
  target: 'draft-2020-12',
  unrepresentable: 'throw',
  cycles: 'throw',
  reused: 'inline',
  // z.int() says "a safe integer"; the bounds add nothing a reader needs.
  override: ({ jsonSchema }) => {
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  },
} as const satisfies Parameters<typeof z.toJSONSchema>[1];
