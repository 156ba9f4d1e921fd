/**
 * The plan file format's generated artefacts, written by `npm run build:openapi` beside the API
 * document (scripts/build-openapi.ts) and checked by tests/unit/plan-file.test.ts:
 * - shared/plan/plan-format.schema.json: the JSON Schema, served at /docs/plan-format.schema.json;
 * - docs/plan-format.md: its generated part, one table per object of the format.
 * Both from shared/plan/format.ts.
 */
import { readFile } from 'node:fs/promises';
import { planJsonSchemaText, withGeneratedTables } from '../shared/plan/format.js';

const ROOT = new URL('../', import.meta.url);
export const PLAN_FORMAT_OUTPUTS = {
  schema: new URL('shared/plan/plan-format.schema.json', ROOT),
  doc: new URL('docs/plan-format.md', ROOT),
} as const;

/** Each file as the sources give it now. */
export async function planFormatArtefacts(): Promise<Map<URL, string>> {
  const doc = withGeneratedTables(await readFile(PLAN_FORMAT_OUTPUTS.doc, 'utf8'));
  return new Map([
    [PLAN_FORMAT_OUTPUTS.schema, planJsonSchemaText()],
    [PLAN_FORMAT_OUTPUTS.doc, doc],
  ]);
}
