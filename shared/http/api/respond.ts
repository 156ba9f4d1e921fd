import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import type { Operation } from '../../api/operation.js';

/** A contract module: operations by name, or by name and kind of target. */
type Contract = Record<string, Operation | Record<string, Operation>>;
type OperationIn<C extends Contract, K extends keyof C> = C[K] extends Operation
  ? C[K]
  : C[K][keyof C[K]] extends infer O extends Operation
    ? O
    : never;
/** The statuses an operation declares a JSON answer for. */
type JsonStatus<O extends Operation> = {
  [S in keyof O['responses']]: O['responses'][S] extends { schema: z.ZodMiniType } ? S : never;
}[keyof O['responses']];
type BodyOf<O extends Operation, S extends keyof O['responses']> = O['responses'][S] extends {
  schema: infer T extends z.ZodMiniType;
}
  ? z.output<T>
  : never;

/**
 * The JSON answers of a contract module's operations, typed from their declared schemas: a handler
 * that answers a status its operation does not declare, or a body of another shape, fails the
 * typecheck. Only the contract's type is used (`import type`), so the routes' bundles carry none of
 * the declarations, examples or response schemas.
 *
 *     const respond = responder<typeof ratingsContract>();
 *     return respond(c, 'ratings', 200, { … });
 */
export const responder =
  <C extends Contract>() =>
  <K extends keyof C & string, S extends JsonStatus<OperationIn<C, K>> & number>(
    c: Context,
    operation: K,
    status: S,
    body: BodyOf<OperationIn<C, K>, S>,
  ) =>
    c.json(body as object, status as ContentfulStatusCode);
