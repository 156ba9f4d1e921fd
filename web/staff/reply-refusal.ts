import { UnknownDepartmentError } from '../../shared/departments/department.js';
import type { StaffMessages } from './i18n.js';
import { explained, type Notice, type Status } from './tools.js';

/**
 * Why a reply (or a case step naming a department) was refused, as the form's notice: a department
 * no longer on the list, a step the case's state does not allow, a text too long once masked.
 */
export function replyRefusal(error: unknown, s: StaffMessages): [Notice, Status] {
  if (error instanceof UnknownDepartmentError) return [{ kind: 'error', text: s.unknownDepartment }, 400];
  return explained(error, { 'invalid-state': s.invalidState, 'validation-failed': s.textTooLongMasked });
}
