import * as z from 'zod/mini';
import { CaseStatus } from '../cases/case.js';
import { CommentStatus, Rating } from '../feedback/rating.js';
import { FeedbackRecord } from '../feedback/record.js';
import { TargetId, TargetType } from '../feedback/target.js';
import { PII_KINDS } from '../moderation/pii.js';
import { DEPARTMENT_EN } from './fields.js';
import { doc } from './registry.js';

/**
 * What the Feedback operations answer: a recorded rating, the caller's own ratings, a target's
 * published comments.
 */

doc(CommentStatus, {
  id: 'CommentStatus',
  description: '`none` (no comment), `pending` (awaiting moderation), `published`, `rejected` or `hidden`.',
});
doc(CaseStatus, {
  id: 'CaseStatus',
  description:
    'open → verifying (核实) → rectifying (整改) → replied (答复) → closed (办结); a citizen unsatisfied with the reply makes it disputed.',
});

/** Which rating, of which plan's target: how a recorded rating, a published comment and a moderator's view begin. */
export const FeedbackOn = {
  feedbackId: z.string(),
  planId: doc(z.string(), { description: 'The plan whose target this is (`/api/v1/plans` lists them).' }),
  targetType: TargetType,
  targetId: TargetId,
};

export const PublishedCommentSchema = doc(
  z.strictObject({
    ...FeedbackOn,
    rating: Rating,
    comment: z.string(),
    recordedAt: z.iso.datetime(),
    publishedAt: z.iso.datetime(),
    replies: doc(
      z.array(
        z.strictObject({
          department: doc(z.string(), { description: 'The department that answered, in Chinese (never a person).' }),
          departmentEn: doc(z.string(), { description: DEPARTMENT_EN }),
          text: z.string(),
          publishedAt: z.iso.datetime(),
        }),
      ),
      { description: 'Official replies, oldest first: the department that answered (never a person), what and when.' },
    ),
    underReview: doc(z.boolean(), {
      description:
        'Enough citizens flagged it that a monitor will review it (复核中). It stays published until a monitor keeps it (the mark goes) or hides it; flags alone never take a comment down.',
    }),
  }),
  {
    id: 'PublishedComment',
    description:
      'A comment a moderator published, with the rating it came with. Nothing about the person who wrote it.',
  },
);

export const CommentsPage = doc(
  z.strictObject({
    items: z.array(PublishedCommentSchema),
    nextCursor: doc(z.nullable(z.string()), {
      description: 'Pass as `cursor` for the next page; null on the last page.',
    }),
  }),
  { id: 'CommentsPage', description: 'Published comments of a target, newest first.' },
);

export const FeedbackResult = doc(
  z.strictObject({
    ...FeedbackOn,
    year: doc(z.number().check(z.int()), {
      description: 'The calendar year (China Standard Time) the rating counts in.',
    }),
    rating: Rating,
    status: z.literal('recorded'),
    commentStatus: CommentStatus,
    replaced: doc(z.boolean(), {
      description: 'Whether this rating replaced the voter’s earlier rating of the same target in the same year.',
    }),
    replacedFeedbackId: z.nullable(z.string()),
    recordedAt: z.iso.datetime(),
    personalDataMasked: doc(
      z.partialRecord(
        doc(z.enum(PII_KINDS), {
          id: 'PersonalDataKind',
          description:
            'A kind of personal data found and masked in comments: resident identity number, bank card number, e-mail address, telephone number, street address.',
        }),
        z.number().check(z.int(), z.minimum(1)),
      ),
      {
        description:
          'How many pieces of personal data of each kind were found in the comment and replaced by a placeholder (【已隐去：电话】…) before it was stored; `{}` when none. The original text is kept nowhere, so it cannot be returned.',
        examples: [{ phone: 1 }],
      },
    ),
    followUpCase: doc(
      z.nullable(
        z.strictObject({
          caseId: z.string(),
          status: CaseStatus,
          openedAt: z.iso.datetime(),
          dueAt: z.iso.datetime(),
          deadlineWorkingDays: z.number().check(z.int()),
          receiptCode: doc(z.nullable(z.string().check(z.regex(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/))), {
            description:
              'The case receipt’s secret code, shown this once: with `caseId` it opens the case from any device (`POST /api/v1/cases/lookup`) and reads its private feed. Only a hash of it is stored with the case. Null if the case was opened without one (it was already open).',
            examples: ['7KQ2M-X9D4R'],
          }),
        }),
      ),
      {
        description:
          'The 差评 follow-up case this rating opened (a rating of 1 or 2 with a comment opens one): an official reply is due by `dueAt`, `deadlineWorkingDays` working days after it opened. Follow it with `GET /api/v1/me/cases`, or from another device with its receipt. Null when none was opened.',
      },
    ),
  }),
  {
    id: 'FeedbackResult',
    description: 'The recorded rating. The voter token comes in the `X-Voter-Token` header and the `gp_voter` cookie.',
  },
);

export const MyFeedback = doc(
  z.strictObject({
    items: z.array(
      // What a voter sees of their own record: the record's fields, never the voter id or its place.
      z.extend(
        z.pick(FeedbackRecord, {
          feedbackId: true,
          planId: true,
          targetType: true,
          targetId: true,
          year: true,
          rating: true,
          comment: true,
          commentStatus: true,
          recordedAt: true,
        }),
        { firstRecordedAt: z.iso.datetime(), revisions: z.number().check(z.int()) },
      ),
    ),
  }),
  {
    id: 'MyFeedback',
    description: 'The caller’s current ratings (one per target and year) and the moderation status of their comments.',
  },
);
