import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders are the layers, each importing only from those below it:
 *   shared/     the domain, the store, the HTTP layer and the API routes: nothing above it
 *   web/        the pages, the site part and its client build (build.mjs): shared/
 *   functions/  the Lambda entries and the local runner: web/ and shared/
 *   infra/      the CDK app: shared/ (entries are named by path, never imported)
 *   scripts/, tests/  the tools and the tests, on top: they may import anything, and nothing imports them
 * So no import circle can run between top-level folders.
 */
const LAYERS = ['shared', 'web', 'functions', 'infra'] as const;
type Layer = (typeof LAYERS)[number];
const FOLDERS = [...LAYERS, 'scripts', 'tests'] as const;
type Folder = (typeof FOLDERS)[number];
const MAY_IMPORT: Record<Layer, readonly Folder[]> = {
  shared: ['shared'],
  web: ['web', 'shared'],
  functions: ['functions', 'web', 'shared'],
  infra: ['infra', 'shared'],
};

const ROOT = resolve(import.meta.dirname, '../..');
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every relative import of a source text, as paths from the repository root. */
export function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)]
    .map((m) => m[1]!)
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(ROOT, resolve(dirname(file), s)));
}

const folderOf = (path: string): Folder | null =>
  (FOLDERS as readonly string[]).includes(path.split('/')[0]!) ? (path.split('/')[0] as Folder) : null;

/** The imports that go against the layering, as "from → to". scripts/ and tests/ are checked only as targets. */
export function violations(edges: Array<[from: string, to: string]>): string[] {
  return edges
    .filter(([from, to]) => {
      const a = folderOf(from);
      const b = folderOf(to);
      return a !== null && b !== null && a in MAY_IMPORT && !MAY_IMPORT[a as Layer].includes(b);
    })
    .map(([from, to]) => `${from} → ${to}`);
}

const edges = LAYERS.flatMap((layer) =>
  sourceFiles(join(ROOT, layer)).flatMap((file) =>
    importsOf(file, readFileSync(file, 'utf8')).map((to) => [relative(ROOT, file), to] as [string, string]),
  ),
);

describe('the layers', () => {
  it('finds the imports it checks (a checker that reads nothing passes everything)', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(
      importsOf(
        join(ROOT, 'web/x.ts'),
        "import { a } from '../shared/a.js';\nexport * from './b.js';\nconst c = await import('../functions/c.js');",
      ),
    ).toEqual(['shared/a.js', 'web/b.js', 'functions/c.js']);
    expect(
      violations([
        ['shared/http/app.ts', 'web/routes.js'],
        ['web/routes.tsx', 'shared/http/voter.js'],
        ['infra/app.ts', 'functions/api/handler.js'],
        ['functions/local/server.ts', 'scripts/build-openapi.js'],
        ['shared/store/client.ts', 'tests/helpers/dynalite.js'],
        ['web/build.mjs', 'tests/helpers/web-pages.js'],
        ['tests/helpers/web-pages.ts', 'web/build.mjs'],
        ['scripts/build-openapi.ts', 'tests/helpers/staff.js'],
      ]),
    ).toEqual([
      'shared/http/app.ts → web/routes.js',
      'infra/app.ts → functions/api/handler.js',
      'functions/local/server.ts → scripts/build-openapi.js',
      'shared/store/client.ts → tests/helpers/dynalite.js',
      'web/build.mjs → tests/helpers/web-pages.js',
    ]);
  });

  it('import only downwards: shared/ nothing above it, web/ only shared/, functions/ web/ and shared/, infra/ shared/, none of them scripts/ or tests/', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('leave in functions/ only the Lambda entries and the local runner', () => {
    const files = sourceFiles(join(ROOT, 'functions')).map((f) => relative(ROOT, f));
    const strays = files.filter(
      (f) =>
        !/^functions\/[a-z-]+\/handler\.ts$/.test(f) &&
        !f.startsWith('functions/local/') &&
        !/^functions\/[a-z-]+\/cli\.ts$/.test(f),
    );
    expect(strays).toEqual([]);
  });
});
