/** The staff pages, one a file: what web/staff/routes.tsx renders. */
export { AuditPage } from './audit.js';
export { CasePage } from './case.js';
export { CASE_VIEWS, CasesPage } from './cases.js';
export { CommentPage } from './comment.js';
export { DashboardPage } from './dashboard.js';
export { MessagePage } from './message.js';
export { PublishPage, type ImportReport } from './publish.js';
export { QueuePage } from './queue.js';
export { SignedInPage } from './signed-in.js';
