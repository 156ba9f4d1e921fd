import { parseArgs } from 'node:util';
import { aggregationSettingsOf, ConfigError, LocalConfig, parseConfig } from '../../shared/config.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { ensureTable, openTable, TableTarget } from '../../shared/store/bootstrap.js';
import { migrateLegacyRatings } from '../../shared/store/migrate-ratings.js';
import { indexPublishedComments } from '../../shared/store/migrate-comment-index.js';
import { openLocalStore, type LocalStore } from './store.js';

const USAGE = `usage: npm run migrate -- ratings --plan <planId> [--table NAME --region REGION [--endpoint URL]]

Makes the ratings, ballots, comments and cases stored before ratings carried their plan the given
plan's, moves every case to its plan's partitions of the case index, puts every published comment
into its plan's index of comments, then rebuilds the aggregation
(docs/data-model.md). Safe to run again. Against the store
npm start uses (DATA_DIR, or DYNAMODB_ENDPOINT), or with --table and --region the AWS table.`;

/** `npm run migrate -- ratings --plan licheng-14th`: the one migration there is so far. */
async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      plan: { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
    },
  });
  if (positionals[0] !== 'ratings' || positionals.length !== 1 || !values.plan) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = parseConfig(LocalConfig, process.env);
  const opened: LocalStore = values.table
    ? (() => {
        const store = openTable(
          TableTarget.parse({ table: values.table, region: values.region, endpoint: values.endpoint }),
        );
        return {
          store,
          description: `table ${values.table}`,
          close: () => Promise.resolve(store.client.destroy()),
        };
      })()
    : await openLocalStore(config, { publish: false });
  try {
    // A fresh data folder has no table yet; the AWS table is the data stack's, never created here.
    if (!values.table) await ensureTable(opened.store);
    const report = await migrateLegacyRatings(opened.store, values.plan);
    console.log(
      `migrated ${opened.description} to plan ${values.plan}: ${report.logItems} records and events, ${report.ballots} ballots, ${report.cases} cases re-indexed by plan, ${report.reviews} review pointers given their comment's plan; ${report.documents} old published documents deleted`,
    );
    // After the records have their plan: comments published before the plan index existed go into it.
    console.log(`indexed ${await indexPublishedComments(opened.store)} published comments by plan`);
    const rebuilt = await aggregationJob(opened.store, aggregationSettingsOf(config))('rebuild');
    console.log(
      `rebuilt the aggregation: ${rebuilt.entries} log entries, ${rebuilt.periodsPublished} periods published per plan`,
    );
  } finally {
    await opened.close();
  }
}

main().catch((error: unknown) => {
  // A bad setting or a plan not loaded is said in a line; anything else with its stack.
  console.error(error instanceof ConfigError || /not loaded/.test(String(error)) ? (error as Error).message : error);
  process.exit(1);
});
