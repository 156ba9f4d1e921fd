import type { PublishedComment } from '../feedback/record.js';
import { RATING_LEVELS } from '../feedback/rating.js';
import { column, type Dataset } from './columns.js';

/** A published comment, with the name of what it is about. */
export interface CommentRow {
  comment: PublishedComment;
  targetNameZh: string;
}

const levelZh = (rating: number) => RATING_LEVELS.find((l) => l.value === rating)?.zh ?? null;
const MODERATION = 'citizens’ comments as published by moderators (no voter id, no personal data)';

/** comments.csv / comments.json: what moderators published, with the official replies. */
export const comments: Dataset<CommentRow> = {
  id: 'comments',
  titleZh: '已公开的群众留言及官方回复',
  titleEn: 'Published comments and official replies',
  rowEn:
    'a comment a moderator published, with the rating it came with and the official replies to it; nothing about the person who wrote it',
  rowZh: '一条经审核公开的留言、随附的评价等级及官方回复；不含任何评价人信息',
  source: MODERATION,
  columns: [
    column({
      name: 'feedback_id',
      en: 'Id of the rating the comment came with',
      zh: '评价标识',
      source: MODERATION,
      value: (r) => r.comment.feedbackId,
    }),
    column({
      name: 'target_type',
      en: '`indicator` or `project`',
      zh: '评价对象类型',
      source: MODERATION,
      value: (r) => r.comment.targetType,
    }),
    column({
      name: 'target_id',
      en: 'Id of the indicator or project',
      zh: '评价对象标识',
      source: MODERATION,
      value: (r) => r.comment.targetId,
    }),
    column({
      name: 'target_name_zh',
      en: 'Its name as printed in the plan',
      zh: '评价对象名称',
      source: 'the plan',
      value: (r) => r.targetNameZh,
    }),
    column({
      name: 'rating',
      type: 'integer',
      unit: 'level (1–5)',
      en: 'The 好差评 level: 5 very satisfied … 1 very dissatisfied',
      zh: '评价等级：5 非常满意 … 1 非常不满意',
      source: MODERATION,
      value: (r) => r.comment.rating,
    }),
    column({
      name: 'rating_zh',
      en: 'The level’s Chinese name',
      zh: '评价等级名称',
      source: 'GB/T 39734-2020',
      nullable: true,
      value: (r) => levelZh(r.comment.rating),
    }),
    column({
      name: 'comment',
      en: 'The comment as published (NFC, trimmed, invisible format characters removed; personal data masked at submission). In CSV a leading = + - @ is preceded by an apostrophe so that spreadsheets do not run it; the JSON has the exact text',
      zh: '留言内容',
      source: MODERATION,
      freeText: true,
      value: (r) => r.comment.comment,
    }),
    column({
      name: 'recorded_at',
      type: 'datetime',
      unit: 'ISO 8601, UTC',
      en: 'When the rating and comment were submitted',
      zh: '提交时间',
      source: MODERATION,
      value: (r) => r.comment.recordedAt,
    }),
    column({
      name: 'published_at',
      type: 'datetime',
      unit: 'ISO 8601, UTC',
      en: 'When a moderator published the comment',
      zh: '公开时间',
      source: MODERATION,
      value: (r) => r.comment.publishedAt,
    }),
    column({
      name: 'reply_count',
      type: 'integer',
      unit: 'replies',
      en: 'Official replies to the comment',
      zh: '官方回复数',
      source: 'official replies, attached by staff',
      value: (r) => r.comment.replies?.length ?? 0,
    }),
    column({
      name: 'replies',
      en: 'The official replies, oldest first, each as “[published_at] department: text”, separated by a blank line',
      zh: '官方回复（按时间先后，格式“[时间] 部门：内容”，以空行分隔）',
      source: 'official replies, attached by staff',
      freeText: true,
      value: (r) =>
        (r.comment.replies ?? [])
          .map((reply) => `[${reply.publishedAt}] ${reply.department}：${reply.text}`)
          .join('\n\n'),
    }),
  ],
};
