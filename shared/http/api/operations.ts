import { operationsOf, planScopedVariants, type Operation } from '../../api/operation.js';
import { EXAMPLE_PLAN } from './contract-parts.js';
import { accountabilityContract } from './routes/accountability.contract.js';
import { adminContract } from './routes/admin.contract.js';
import { departmentsContract } from './routes/departments.contract.js';
import { caseFollowContract } from './routes/case-follow.contract.js';
import { docsContract } from './routes/docs.contract.js';
import { feedbackContract } from './routes/feedback.contract.js';
import { feedsContract } from './routes/feeds.contract.js';
import { healthContract } from './routes/health.contract.js';
import { monitorContract } from './routes/monitor.contract.js';
import { openDataContract } from './routes/open-data.contract.js';
import { planContract } from './routes/plan.contract.js';
import { publisherContract } from './routes/publisher.contract.js';
import { ratingsContract } from './routes/ratings.contract.js';
import { verdictsContract } from './routes/verdicts.contract.js';
import { evaluationContract } from './routes/evaluation.contract.js';

/**
 * Every operation of the API, as the routes' contract modules declare them, a plan-scoped one under
 * both of its paths. The build sends their example requests in this order to one scratch store, and
 * the staff and accountability examples build on each other: moderation and the case's reply come
 * before the citizen rates that reply, publishing before administration.
 */
export const OPERATIONS: Operation[] = [
  healthContract,
  planContract,
  ratingsContract,
  verdictsContract,
  feedbackContract,
  docsContract,
  openDataContract,
  feedsContract,
  // The departments before the replies that name them.
  departmentsContract,
  monitorContract,
  // A case replied but not yet rated (and so closed) by its citizen: looked up, followed, subscribed to.
  caseFollowContract,
  accountabilityContract,
  publisherContract,
  adminContract,
  evaluationContract,
]
  .flatMap(operationsOf)
  .flatMap((op) => planScopedVariants(op, EXAMPLE_PLAN));
