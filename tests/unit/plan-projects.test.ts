import { describe, expect, it } from 'vitest';
import { plan, seed, seedLines } from '../helpers/plan-seed.js';

/** The plan's projects in licheng-14th.json: every title, goal and 专栏 as the seed prints it. */

describe('projects', () => {
  it('have unique ids', () => {
    expect(new Set(plan.projects.map((p) => p.id)).size).toBe(plan.projects.length);
  });

  it('have titles, source texts and goal texts that appear verbatim in the seed', () => {
    for (const p of plan.projects) {
      expect(seed, p.id).toContain(p.titleZh);
      expect(p.source.text, p.id).toBeDefined();
      expect(seed, `${p.id} source`).toContain(p.source.text!);
      expect(p.source.text!, `${p.id} title in source`).toContain(p.titleZh);
      for (const goal of p.goals) expect(p.source.text!, `${p.id} goal ${goal.raw}`).toContain(goal.raw);
    }
  });

  it('name the 专栏 box they come from, with its seed title', () => {
    for (const p of plan.projects) {
      expect(p.source.box).toBe(`专栏${p.box}`);
      const heading = seedLines.find((line) => new RegExp(`专栏${p.box}(?!\\d)`).test(line));
      expect(heading, p.id).toBeDefined();
      expect(heading!.replace(/^\s*专栏\d+\s*/, '').trim(), p.id).toBe(p.boxTitle);
      expect(p.id.startsWith(`b${String(p.box).padStart(2, '0')}-`), p.id).toBe(true);
    }
  });

  it('claim no status or progress the plan text does not give', () => {
    for (const p of plan.projects) expect([p.status, p.progress], p.id).toEqual(['unknown', 0]);
  });

  it('goal values are the numbers written in their raw text', () => {
    for (const p of plan.projects) {
      for (const goal of p.goals) {
        const numbers = (goal.raw.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
        if (goal.raw.includes('一所')) numbers.push(1); // 新建一所优质中学
        expect(numbers, `${p.id} ${goal.raw}`).toContain(goal.value);
      }
    }
  });

  it('cover every named project of 专栏7, by 板块', () => {
    const box7 = seedLines.slice(seedLines.findIndex((l) => l.includes('专栏7 城市建设重大项目')));
    for (const area of ['古城文旅活力板块', '滨江商务服务板块', '中部产居融合板块', '浅山产业提升板块']) {
      const line = box7.find((l) => l.includes(`${area}：`))!;
      const list = line.split('：')[1]!.replace(/等。$/, '');
      // split on 、 outside brackets: 南迎宾大道（登峰、亭店）片区改造项目 is one project
      const names = list.split(/、(?![^（]*）)/);
      const titles = plan.projects.filter((p) => p.box === 7 && p.area === area).map((p) => p.titleZh);
      expect(titles, area).toEqual(names);
    }
    expect(plan.projects.filter((p) => p.box === 7)).toHaveLength(25);
  });

  it('cover the four numbered 交通路网建设重大项目 of 专栏19 with their lengths and widths', () => {
    const box19 = plan.projects.filter((p) => p.box === 19);
    expect(box19.map((p) => p.titleZh)).toEqual([
      '站前大道K2地块配套市政道路工程',
      '站前大道鲤城段（南环路至池峰路）道路工程',
      '泉州古城交通疏解快速通道项目',
      '鲤城林荫大道（笋江路至浮桥街）项目',
    ]);
    expect(box19[0]!.goals.map((g) => [g.value, g.unit])).toEqual([
      [688, '米'],
      [18, '米'],
      [230, '米'],
      [18, '米'],
    ]);
    expect(box19[1]!.goals.map((g) => [g.value, g.unit])).toEqual([
      [2088, '米'],
      [60, '米'],
    ]);
    expect(box19[3]!.goals.map((g) => [g.value, g.unit])).toEqual([
      [34, '米'],
      [1.25, '公里'],
    ]);
  });

  it('carry the 专栏20 digital-government goals for 2025', () => {
    const gov = plan.projects.find((p) => p.titleZh === '政务服务数字化工程')!;
    expect(gov.goals.map((g) => [g.value, g.unit, g.year])).toEqual([
      [95, '%', 2025],
      [95, '%', 2025],
      [75, '%', 2025],
      [90, '%', 2025],
    ]);
    expect(plan.projects.some((p) => p.titleZh === '智慧城市建设架构搭建')).toBe(true);
  });

  it('carry the 专栏24 education goals and the 8 school construction projects', () => {
    const values = plan.projects.filter((p) => p.box === 24).flatMap((p) => p.goals.map((g) => g.value));
    for (const v of [100, 62, 90, 99.5, 96, 95, 8000]) expect(values).toContain(v);
    const schools = plan.projects.filter((p) => p.box === 24 && p.source.text?.includes('8个教育项目建设'));
    // 6 entries: five single schools and one entry for the three playground renovations (8 projects in all)
    expect(schools.map((p) => p.titleZh)).toEqual([
      '江南花园城配套小学二期工程',
      '龙头山配套小学',
      '常泰中心小学建设',
      '福师大泉州附属中学学生宿舍楼',
      '通政中心小学北校区扩容工程',
      '黄石小学、上村小学、明新中心小学操场改造',
    ]);
  });

  it('cover both 专栏25 programmes and each project in them', () => {
    const box25 = plan.projects.filter((p) => p.box === 25);
    expect(new Set(box25.map((p) => p.area))).toEqual(new Set(['防控救治能力建设工程', '医疗服务能力提升工程']));
    expect(box25).toHaveLength(7);
  });
});
