import { csvProblem, readCsv, type CsvProblem, type CsvReason } from '../publishing/csv.js';
import { DEPARTMENT_MAX_LENGTH } from '../feedback/record.js';
import {
  addDepartment,
  changeDepartment,
  DepartmentClashError,
  DepartmentId,
  matchDepartment,
  MAX_ALIASES,
  type Department,
} from './department.js';

export const DEPARTMENT_COLUMNS = ['id', 'name_zh', 'name_en', 'aliases'] as const;
const REQUIRED = ['id', 'name_zh', 'name_en'] as const;
/** Aliases in one cell, separated by semicolons (half- or full-width). */
const ALIAS_SEPARATOR = /[;；]/;

/**
 * The list after a CSV of departments: a row with a new id adds a department, one with a known
 * id renames it (and reactivates it). Every bad row is reported with its line, and then nothing
 * is to be written.
 */
export function importDepartments(
  text: string,
  list: readonly Department[],
): { departments: Department[]; added: number; changed: number; problems: CsvProblem[] } {
  const { rows, problems } = readCsv(text, { required: REQUIRED, known: DEPARTMENT_COLUMNS });
  if (rows.length === 0 && problems.length === 0) problems.push(csvProblem(2, null, { code: 'noRows' }));
  let departments = [...list];
  let added = 0;
  let changed = 0;
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const bad = (column: string, why: CsvReason) => problems.push(csvProblem(line, column, why));
    const id = values.id ?? '';
    const aliases = (values.aliases ?? '')
      .split(ALIAS_SEPARATOR)
      .map((a) => a.trim())
      .filter((a) => a !== '');
    const before = problems.length;
    if (!DepartmentId.safeParse(id).success) bad('id', id ? { code: 'departmentId' } : { code: 'required' });
    for (const column of ['name_zh', 'name_en'] as const) {
      const name = values[column]?.trim() ?? '';
      if (name === '') bad(column, { code: 'required' });
      else if (name.length > DEPARTMENT_MAX_LENGTH) bad(column, { code: 'tooLong', max: DEPARTMENT_MAX_LENGTH });
    }
    if (aliases.length > MAX_ALIASES || aliases.some((a) => a.length > DEPARTMENT_MAX_LENGTH))
      bad('aliases', { code: 'tooLong', max: DEPARTMENT_MAX_LENGTH });
    if (problems.length > before) continue;
    if (seen.has(id)) {
      bad('id', { code: 'repeated', what: id, line: seen.get(id)! });
      continue;
    }
    seen.set(id, line);
    const names = { nameZh: values.name_zh!.trim(), nameEn: values.name_en!.trim(), aliases };
    const known = departments.some((d) => d.id === id);
    try {
      departments = known
        ? changeDepartment(departments, id, { ...names, active: true })
        : addDepartment(departments, { id, ...names });
      if (known) changed++;
      else added++;
    } catch (error) {
      if (!(error instanceof DepartmentClashError)) throw error;
      const others = departments.filter((d) => d.id !== id);
      const taken = [names.nameZh, names.nameEn, ...aliases]
        .map((name) => ({ name, by: matchDepartment(others, name)?.id }))
        .find((t) => t.by !== undefined);
      bad(taken?.name === names.nameZh ? 'name_zh' : taken?.name === names.nameEn ? 'name_en' : 'aliases', {
        code: 'nameTaken',
        name: taken?.name ?? id,
        by: taken?.by ?? id,
      });
    }
  }
  return { departments, added, changed, problems: problems.sort((a, b) => a.line - b.line) };
}
