import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesise } from './synth.js';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

// Synthesised once for the file, outside the test's time limit, as the other infra tests do.
const { templates } = synthesise({}, { bundle: false });

describe('the deployment never marks itself as sample data', () => {
  it('sets SAMPLE_DATA on no Lambda function, and the infra code never names it', () => {
    const functions = Object.values(templates.app.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(2);
    for (const fn of functions) expect(fn.Properties?.Environment?.Variables ?? {}).not.toHaveProperty('SAMPLE_DATA');
    for (const file of files('infra')) expect(readFileSync(file, 'utf8'), file).not.toContain('SAMPLE_DATA');
  });
});
