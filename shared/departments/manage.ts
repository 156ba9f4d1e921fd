import type { Actor } from '../auth/roles.js';
import { staffActor } from '../audit/entry.js';
import { ImportRejected } from '../publishing/publish.js';
import type { AuditRepository } from '../store/audit-repository.js';
import type { DepartmentRepository } from '../store/department-repository.js';
import {
  addDepartment,
  changeDepartment,
  type Department,
  type DepartmentChange,
  type NewDepartment,
} from './department.js';
import { importDepartments } from './import.js';

export interface DepartmentDeps {
  departments: DepartmentRepository;
  audit: Pick<AuditRepository, 'append'>;
}

const audited = (deps: DepartmentDeps, actor: Actor, at: Date, id: string, details: Record<string, unknown>) =>
  deps.audit.append(
    {
      actor: staffActor(actor),
      action: 'department.change',
      subject: { type: 'department', id },
      reason: null,
      details,
    },
    at,
  );

/** An administrator adds a department to the list replies choose from. */
export async function addDepartmentBy(
  deps: DepartmentDeps,
  input: NewDepartment,
  actor: Actor,
  at: Date,
): Promise<Department> {
  const added = await deps.departments.change((current) => {
    const departments = addDepartment(current, input);
    return { departments, result: departments.at(-1)! };
  });
  await audited(deps, actor, at, added.id, { op: 'add', nameZh: added.nameZh, nameEn: added.nameEn });
  return added;
}

/** An administrator renames a department, replaces its aliases, or deactivates (or reactivates) it. */
export async function changeDepartmentBy(
  deps: DepartmentDeps,
  id: string,
  change: DepartmentChange,
  actor: Actor,
  at: Date,
): Promise<Department> {
  const { before, after } = await deps.departments.change((current) => {
    const departments = changeDepartment(current, id, change);
    return {
      departments,
      result: { before: current.find((d) => d.id === id)!, after: departments.find((d) => d.id === id)! },
    };
  });
  const op = change.active === false ? 'deactivate' : change.active === true && !before.active ? 'activate' : 'rename';
  await audited(deps, actor, at, id, { op, before, after });
  return after;
}

export interface DepartmentImportSummary {
  dryRun: boolean;
  rows: number;
  added: number;
  changed: number;
}

/** A CSV of departments, checked whole: any bad row and nothing is written (ImportRejected, by line). */
export async function importDepartmentsBy(
  deps: DepartmentDeps,
  text: string,
  dryRun: boolean,
  actor: Actor,
  at: Date,
): Promise<DepartmentImportSummary> {
  const outcome = (current: Department[]) => {
    const found = importDepartments(text, current);
    if (found.problems.length > 0) throw new ImportRejected(found.problems);
    return found;
  };
  if (dryRun) {
    const found = outcome(await deps.departments.list());
    return { dryRun, rows: found.added + found.changed, added: found.added, changed: found.changed };
  }
  const found = await deps.departments.change((current) => {
    const result = outcome(current);
    return { departments: result.departments, result };
  });
  const summary = { dryRun, rows: found.added + found.changed, added: found.added, changed: found.changed };
  await audited(deps, actor, at, 'import', { op: 'import', ...summary });
  return summary;
}
