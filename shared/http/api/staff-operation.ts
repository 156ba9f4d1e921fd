import type { Role } from '../../auth/roles.js';
import { operation, type ExampleRequest, type Operation } from '../../api/operation.js';
import { BODY } from './contract-parts.js';

/** A staff example: sent with a token of the group's first role unless it names others, or none (`null`: the 401). */
type StaffExample = Omit<ExampleRequest, 'staff'> & { staff?: readonly Role[] | null };

/** What a staff operation states of its own: its path below the group's, and the problems its inputs do not bring. */
type StaffDeclaration = Omit<Operation, 'security' | 'problems' | 'examples'> & {
  problems?: readonly string[];
  examples: readonly StaffExample[];
};

/**
 * The problems an operation's inputs bring: a body (JSON or a file) can be malformed, too large,
 * of another type or invalid; a query invalid; an id in the path unknown.
 */
const inputProblems = (op: StaffDeclaration): string[] => [
  ...(op.body || op.textBody ? BODY : op.query ? ['validation-failed'] : []),
  ...(op.pathParams ? ['not-found'] : []),
];

/**
 * Declares the operations of a staff group (`/api/v1/monitor`, `/publisher`, `/admin`), which
 * only these roles may call: each states its path below the group's, what it takes and answers,
 * its examples and the problems of its own; the group gives it the full path, the security, the
 * problems of its inputs (before its own) and its examples' tokens.
 */
export const staffOperations =
  (group: 'monitor' | 'publisher' | 'admin', roles: readonly Role[]) =>
  <const O extends StaffDeclaration>(
    declared: O,
  ): Omit<O, 'path' | 'problems' | 'examples'> & Pick<Operation, 'path' | 'security' | 'problems' | 'examples'> =>
    operation({
      ...declared,
      path: `/api/v1/${group}${declared.path}`,
      security: roles,
      problems: [...inputProblems(declared), ...(declared.problems ?? [])],
      examples: declared.examples.map(({ staff, ...example }) =>
        staff === null ? example : { ...example, staff: staff ?? roles.slice(0, 1) },
      ),
    });
