import { resolve } from 'node:path';

/** Where the demo keeps its data: its own folder, never the default `.data/` of npm start. */
export const DEMO_DATA_DIR = '.data-demo';
export const SAMPLE_PLAN_FILE = 'tests/fixtures/plans/sample-15th.json';
/** What the demo refuses to run with: each would send the sample data somewhere it must never be. */
export const REFUSED_VARIABLES = ['DATA_DIR', 'DYNAMODB_ENDPOINT', 'TABLE_NAME'] as const;

/** The environment the demo refuses, as one message naming every variable; null when it may run. */
export function refusal(env: Record<string, string | undefined>): string | null {
  const set = REFUSED_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '');
  return set.length === 0
    ? null
    : `npm run demo writes sample data to ${DEMO_DATA_DIR}/ only; unset ${set.join(', ')} (it would point the demo at another store)`;
}

/**
 * The folder a demo may fill: its own (`.data-demo/` unless `--folder` names another, as the browser test does),
 * never the folder npm start keeps its real data in.
 */
export function demoFolderRefusal(folder: string, startFolder: string): string | null {
  return resolve(folder) === resolve(startFolder)
    ? `--folder: ${folder} is npm start's own data folder; the demo's sample data must never be written there`
    : null;
}
