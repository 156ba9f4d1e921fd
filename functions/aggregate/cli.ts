import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { aggregationSettingsOf, ConfigError, LocalConfig, parseConfig } from '../../shared/config.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import type { RunReport } from '../../shared/ratings/aggregate.js';
import { ensureTable, loadPlan } from '../../shared/store/bootstrap.js';
import { openLocalStore } from '../local/store.js';

/** Above this many entries in a batch, a progress bar is worth its noise. */
const PROGRESS_FROM = 3000;

/**
 * `npm run aggregate [-- --rebuild]`: one aggregation run against the local store, also while
 * `npm start` is running on the same DATA_DIR.
 */
async function main() {
  const { values } = parseArgs({ options: { rebuild: { type: 'boolean', default: false } }, strict: true });
  const config = parseConfig(LocalConfig, process.env);
  const local = await openLocalStore(config, { publish: false });
  try {
    await ensureTable(local.store);
    await loadPlan(local.store, readPlanFile());
    const run = aggregationJob(local.store, aggregationSettingsOf(config));
    let bar: cliProgress.SingleBar | null = null;
    const report = await run(values.rebuild ? 'rebuild' : 'incremental', {
      onProgress: ({ read, applied, total }) => {
        if (read < PROGRESS_FROM || total === undefined) return;
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { format: 'applying {bar} {value}/{total} counts | {read} entries read', hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0, { read });
        }
        bar.setTotal(total);
        bar.update(applied, { read });
        if (applied >= total) {
          bar.stop();
          bar = null;
        }
      },
    });
    print(report, local.description, values.rebuild);
  } finally {
    await local.close();
  }
}

function print(report: RunReport, store: string, rebuild: boolean) {
  const lines = [
    `${rebuild ? 'rebuild' : 'aggregation'} against ${store}: ${(report.durationMs / 1000).toFixed(2)} s`,
    `  log items read: ${report.itemsRead}; entries aggregated: ${report.entries} (ratings and moderation events) in ${report.batches} batch${report.batches === 1 ? '' : 'es'}`,
    `  counts updated: ${report.countsUpdated}; summaries published: ${report.periodsPublished} periods, ${report.scopesPublished} series`,
    `  capacity: ${report.readUnits.toFixed(1)} read units, ${report.writeUnits.toFixed(1)} write units; version ${report.version}`,
  ];
  if (report.differences) {
    lines.push(
      report.differences.length === 0
        ? '  the incremental counts matched the recomputation exactly'
        : `  ${report.differences.length} count(s) differed from the recomputation and were corrected:`,
      ...report.differences.map(
        (d) =>
          `    ${d.period} ${d.scope}: histogram ${JSON.stringify(d.stored.histogram)} → ${JSON.stringify(d.recomputed.histogram)}, comments ${JSON.stringify(d.stored.comments)} → ${JSON.stringify(d.recomputed.comments)}`,
      ),
    );
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
