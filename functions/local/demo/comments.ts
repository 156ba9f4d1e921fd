import type { Random } from './random.js';

/**
 * What the demo's citizens write: short comments by how satisfied they are, naming what they rate,
 * and now and then a phone number, which the real submit path masks before it is stored. Every
 * text is invented.
 */

const PRAISE = [
  '{name}进展看得见，身边的变化很明显，点赞。',
  '{name}这几年做得不错，希望继续保持。',
  '关注{name}很久了，数据公开透明，值得肯定。',
  '{name}：家门口的变化实实在在，满意。',
  'Good progress on {name}; the yearly figures are easy to follow.',
];
const NEUTRAL = [
  '{name}有进展，但和规划目标比还有差距。',
  '{name}的数据能否再细一些，按街道公布？',
  '{name}总体还行，宣传多于实效的地方还有。',
  '{name} is moving, but slower than the plan promised.',
];
const COMPLAINT = [
  '{name}迟迟没有看到效果，希望说明原因。',
  '{name}和我们的感受差别很大，数据是否准确？',
  '{name}推进太慢，建议公布整改时间表。',
  '反映多次{name}的问题，至今没有回音。',
  '{name} is far behind; nobody explains why.',
];

/** Written as people write them, so the masking has something to find. */
const PHONE_SUFFIXES = ['，联系电话{phone}', '，有问题请打{phone}', '（电话 {phone}）'];

/** The demo's answering departments, loaded into the managed list before the cases name them. */
export const DEMO_DEPARTMENTS: ReadonlyArray<{ id: string; nameZh: string; nameEn: string }> = [
  { id: 'district-development', nameZh: '区发展和改革局', nameEn: 'District Development and Reform Bureau' },
  { id: 'district-education', nameZh: '区教育局', nameEn: 'District Education Bureau' },
  { id: 'district-health', nameZh: '区卫生健康局', nameEn: 'District Health Bureau' },
  { id: 'district-environment', nameZh: '区生态环境局', nameEn: 'District Ecology and Environment Bureau' },
  { id: 'district-culture', nameZh: '区文化和旅游局', nameEn: 'District Culture and Tourism Bureau' },
  { id: 'district-commerce', nameZh: '区商务局', nameEn: 'District Commerce Bureau' },
  { id: 'district-housing', nameZh: '区住房和建设局', nameEn: 'District Housing and Construction Bureau' },
];

/** A mainland mobile number: 1, then 3–9, then nine digits; made up, and masked on submission. */
const phoneNumber = (random: Random) => `1${random.int(3, 9)}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;

export function commentText(random: Random, rating: number, name: string, withPhone: boolean): string {
  const templates = rating >= 4 ? PRAISE : rating === 3 ? NEUTRAL : COMPLAINT;
  const text = random.pick(templates).replace('{name}', name);
  return withPhone
    ? text.replace(/[。.]$/, '') + random.pick(PHONE_SUFFIXES).replace('{phone}', phoneNumber(random))
    : text;
}

export const department = (random: Random) => random.pick(DEMO_DEPARTMENTS).nameZh;

export const REJECT_REASONS = ['与规划内容无关', '含有广告信息', '重复提交的内容'];
export const HIDE_REASONS = ['经核实含有不实信息', '含有人身攻击'];
export const FLAG_REASONS = ['spam', 'offensive', 'personal-data', 'off-topic'] as const;

export const replyText = (name: string, rectified: boolean) =>
  rectified
    ? `感谢您对${name}的关注。经核实，相关问题已列入整改清单，整改措施和进度将在本平台公开。`
    : `感谢您对${name}的关注。经核实，相关工作正按年度计划推进，具体情况说明如下：进度受项目审批周期影响，预计下一年度加快。`;
