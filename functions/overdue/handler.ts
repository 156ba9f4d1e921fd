import { Logger } from '@aws-lambda-powertools/logger';
import { OverdueConfig, parseConfig } from '../../shared/config.js';
import { pushSettingsOf } from '../../shared/config-push.js';
import { overdueNoticesJob } from '../../shared/cases/overdue-job.js';
import { notifierFor } from '../../shared/cases/web-push-notifier.js';
import { createDocumentClient } from '../../shared/store/client.js';

const config = parseConfig(OverdueConfig, process.env);
const logger = new Logger({ serviceName: 'gongping-overdue' });
const client = createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
const run = overdueNoticesJob({ client, tableName: config.TABLE_NAME }, notifierFor(pushSettingsOf(config), logger));

/** The scheduled deadline check: tells the followers of each case whose reply deadline passed, once. */
export const handler = async () => {
  const report = await run();
  logger.info('overdue sweep', { checked: report.checked, told: report.told.length });
  return report;
};
