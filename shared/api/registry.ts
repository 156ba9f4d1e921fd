import * as z from 'zod/mini';

/**
 * What the API document says about a schema. Kept in a registry of its own rather than in zod's
 * global one, so that documenting a schema never makes a copy of it: the routes validate with the
 * very instance the document was generated from.
 */
export interface ApiDoc {
  /** Set on the schemas that become `#/components/schemas/{id}` in the OpenAPI document. */
  id?: string;
  title?: string;
  description?: string;
  examples?: unknown[];
}

export const apiDocs = z.registry<ApiDoc>();

/** Documents a schema in place (same instance, no clone) and returns it. */
export function doc<S extends z.ZodMiniType>(schema: S, meta: ApiDoc): S {
  if (apiDocs.has(schema)) {
    // Two modules describing one schema would make the document depend on import order.
    throw new Error(`schema ${meta.id ?? meta.description ?? ''} is documented twice`);
  }
  apiDocs.add(schema, meta);
  return schema;
}
