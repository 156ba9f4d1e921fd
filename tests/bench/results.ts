import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

/** The one benchmark report. Each benchmark owns a `## <title>` section and rewrites only that. */
export const RESULTS_FILE = new URL('./RESULTS.md', import.meta.url);

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${process.platform}/${process.arch}`;
}

export async function writeSection(title: string, body: string): Promise<void> {
  let text = '';
  try {
    text = await readFile(RESULTS_FILE, 'utf8');
  } catch {
    text =
      '# gongping benchmark results\n\nWritten by `npm run bench`; every figure comes from the run that wrote its section.\n';
  }
  const section = `## ${title}\n\n${body.trim()}\n`;
  const pattern = new RegExp(`## ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=\\n## |$)`);
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}`;
  await writeFile(RESULTS_FILE, text.endsWith('\n') ? text : `${text}\n`);
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
