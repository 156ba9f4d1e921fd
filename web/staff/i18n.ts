import { dictionaryOf } from '../i18n-area.js';
import { staffAuditMessages } from './i18n-audit.js';
import { staffCasesMessages } from './i18n-cases.js';
import { staffDashboardMessages } from './i18n-dashboard.js';
import { staffDepartmentsMessages } from './i18n-departments.js';
import { staffFrameMessages } from './i18n-frame.js';
import { staffModerationMessages } from './i18n-moderation.js';
import { staffPlansMessages } from './i18n-plans.js';
import { staffPublishMessages } from './i18n-publish.js';
import { staffVerdictsMessages } from './i18n-verdicts.js';

/**
 * Every string a staff member sees, in Chinese (the default) and English, kept apart from the
 * citizens' dictionary and made of areas the same way (web/i18n-area.ts): one module per page or
 * job, each typing its `en` by its `zh`, so a key missing from either language fails the typecheck.
 */
export const staffMessages = dictionaryOf(
  staffFrameMessages,
  staffDashboardMessages,
  staffVerdictsMessages,
  staffModerationMessages,
  staffCasesMessages,
  staffPublishMessages,
  staffAuditMessages,
  staffPlansMessages,
  staffDepartmentsMessages,
);

export type StaffMessages = ReturnType<typeof staffMessages>;
