import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { AggregateConfig, aggregationSettingsOf, parseConfig } from '../../shared/config.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { createDocumentClient } from '../../shared/store/client.js';

const config = parseConfig(AggregateConfig, process.env);
const logger = new Logger({ serviceName: 'gongping-aggregate' });
const run = aggregationJob(
  {
    client: createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
    tableName: config.TABLE_NAME,
  },
  aggregationSettingsOf(config),
);

/**
 * The input EventBridge Scheduler sends (the schedule's target input, filled from its context
 * attributes). Only logged: a run does the same work whenever and however often it is invoked.
 */
const ScheduledInvocation = z.object({
  scheduleArn: z.optional(z.string()),
  scheduledTime: z.optional(z.string()),
  executionId: z.optional(z.string()),
  attemptNumber: z.optional(z.coerce.number()),
});

export const handler = async (event: unknown) => {
  const invocation = ScheduledInvocation.safeParse(event ?? {});
  logger.appendKeys({ invocation: invocation.success ? invocation.data : { unrecognised: true } });
  const report = await run();
  const { differences: _none, ...figures } = report;
  logger.info('aggregation run', { ...figures });
  return figures;
};
