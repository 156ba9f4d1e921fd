import { describe, expect, it } from 'vitest';
import {
  addDepartment,
  attributeDepartment,
  changeDepartment,
  chooseDepartment,
  matchDepartment,
  type Department,
} from '../../shared/departments/department.js';
import { importDepartments } from '../../shared/departments/import.js';

const STATS: Department = {
  id: 'licheng-stats',
  nameZh: '鲤城区统计局',
  nameEn: 'Licheng Statistics Bureau',
  aliases: ['统计局'],
  active: true,
};
const OLD: Department = { id: 'licheng-old', nameZh: '旧办公室', nameEn: 'Old Office', aliases: [], active: false };
const LIST = [STATS, OLD];

describe('mapping free text to a department', () => {
  it('matches a name, an English name or an alias exactly, whatever the spacing, width or case', () => {
    expect(matchDepartment(LIST, '统计局')?.id).toBe('licheng-stats');
    expect(matchDepartment(LIST, ' 鲤城区 统计局 ')?.id).toBe('licheng-stats');
    expect(matchDepartment(LIST, 'LICHENG statistics bureau')?.id).toBe('licheng-stats');
    expect(matchDepartment(LIST, '鲤城区统计')).toBeNull();
    expect(matchDepartment(LIST, '区统计局')).toBeNull();
  });

  it('counts a case by its id, else by the name its free text equals, else as the text, unassigned; none for no department', () => {
    expect(attributeDepartment(LIST, { departmentId: 'licheng-stats', department: '随便写的' })).toEqual({
      id: 'licheng-stats',
      nameZh: '鲤城区统计局',
      nameEn: 'Licheng Statistics Bureau',
    });
    expect(attributeDepartment(LIST, { department: '统计局' })?.id).toBe('licheng-stats');
    // A deactivated department still owns its old replies.
    expect(attributeDepartment(LIST, { department: '旧办公室' })?.id).toBe('licheng-old');
    expect(attributeDepartment(LIST, { department: '某某办' })).toEqual({
      id: null,
      nameZh: '某某办',
      nameEn: '某某办',
    });
    expect(attributeDepartment(LIST, { departmentId: null, department: null })).toBeNull();
  });

  it('lets a reply choose only an active department by id; deprecated free text becomes the department it names', () => {
    expect(chooseDepartment(LIST, { departmentId: 'licheng-stats' })).toEqual({
      departmentId: 'licheng-stats',
      department: '鲤城区统计局',
      departmentEn: 'Licheng Statistics Bureau',
    });
    expect(() => chooseDepartment(LIST, { departmentId: 'licheng-old' })).toThrow(/no longer active/);
    expect(() => chooseDepartment(LIST, { departmentId: 'nobody' })).toThrow(/no department nobody/);
    expect(() => chooseDepartment(LIST, {})).toThrow(/choose/);
    expect(chooseDepartment(LIST, { department: '统计局' })).toEqual({
      departmentId: 'licheng-stats',
      department: '鲤城区统计局',
      departmentEn: 'Licheng Statistics Bureau',
    });
    expect(chooseDepartment(LIST, { department: '某某办' })).toEqual({
      departmentId: null,
      department: '某某办',
      departmentEn: null,
    });
  });
});

describe('keeping the list', () => {
  it('refuses a second department answering to a name already taken, and keeps a former name as an alias', () => {
    expect(() => addDepartment(LIST, { id: 'x', nameZh: '统计局', nameEn: 'X' })).toThrow(/licheng-stats/);
    expect(() => addDepartment(LIST, { id: 'licheng-stats', nameZh: 'Y', nameEn: 'Y' })).toThrow(/exists/);
    const renamed = changeDepartment(LIST, 'licheng-stats', { nameZh: '泉州市鲤城区统计局' });
    expect(renamed[0]).toMatchObject({ nameZh: '泉州市鲤城区统计局', aliases: ['统计局', '鲤城区统计局'] });
    expect(changeDepartment(LIST, 'licheng-old', { active: true })[1]!.active).toBe(true);
  });

  it('reads a CSV row by row, reporting each bad row with its line and column', () => {
    const found = importDepartments(
      [
        'id,name_zh,name_en,aliases',
        'licheng-finance,鲤城区财政局,Finance Bureau,财政局；区财政局',
        'Bad Id,某局,Some Bureau,',
        'licheng-finance,又一个,Again,',
        'licheng-tax,税务局,Tax,统计局',
        'licheng-stats,鲤城区统计局,Statistics Bureau of Licheng,统计局',
      ].join('\n'),
      LIST,
    );
    expect(found.problems.map((p) => [p.line, p.column, p.why.code])).toEqual([
      [3, 'id', 'departmentId'],
      [4, 'id', 'repeated'],
      [5, 'aliases', 'nameTaken'],
    ]);
    expect([found.added, found.changed]).toEqual([1, 1]);
    expect(found.departments.find((d) => d.id === 'licheng-finance')?.aliases).toEqual(['财政局', '区财政局']);
    expect(importDepartments('id,name_zh,name_en\n', LIST).problems.map((p) => p.why.code)).toEqual(['noRows']);
  });
});
