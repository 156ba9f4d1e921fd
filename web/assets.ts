import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built, content-hashed client files (web/build.mjs writes them to web/dist/assets and
 * names them in web/dist/manifest.json). Pages ask the manifest for the current name of an entry.
 * WEB_DIST_DIR points elsewhere (a Lambda bundle that copies the manifest beside its code, say).
 */
export const ENTRIES = ['main.css', 'charts.js', 'feedback.js', 'follow.js', 'push-sw.js'] as const;
export type Entry = (typeof ENTRIES)[number];

export interface Manifest {
  /** Entry → hashed file name inside assets/, e.g. "charts.js" → "charts.Q5XK2D7H.js". */
  entries: Record<Entry, string>;
}

export interface WebAssets {
  /** The URL of an entry (/assets/charts.Q5XK2D7H.js), or null when the bundles have not been built. */
  url(entry: Entry): string | null;
  /** A hashed file named in the manifest, or null for any other name. */
  file(name: string): Promise<{ body: Uint8Array; type: string } | null>;
}

export const ASSETS_PREFIX = '/assets/';
export const defaultDistDir = () =>
  process.env.WEB_DIST_DIR ? resolve(process.env.WEB_DIST_DIR) : fileURLToPath(new URL('./dist/', import.meta.url));

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

export function webAssets(distDir: string = defaultDistDir()): WebAssets {
  const manifestPath = join(distDir, 'manifest.json');
  let cached: { mtimeMs: number; manifest: Manifest } | null = null;
  const files = new Map<string, Uint8Array>();

  /** Re-read when the file changes (npm run build beside a running server); absent means not built. */
  const manifest = (): Manifest | null => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(manifestPath).mtimeMs;
    } catch {
      return null;
    }
    if (cached?.mtimeMs !== mtimeMs) {
      try {
        cached = { mtimeMs, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest };
      } catch {
        return cached?.manifest ?? null;
      }
    }
    return cached.manifest;
  };

  return {
    url(entry) {
      const name = manifest()?.entries[entry];
      return name ? `${ASSETS_PREFIX}${name}` : null;
    },
    async file(name) {
      const known = Object.values(manifest()?.entries ?? {}).includes(name) || files.has(name);
      if (!known) return null;
      const type = TYPES[name.split('.').pop() ?? ''];
      if (!type) return null;
      let body = files.get(name);
      if (!body) {
        try {
          body = new Uint8Array(await readFile(join(distDir, 'assets', name)));
        } catch {
          return null;
        }
        files.set(name, body);
      }
      return { body, type };
    },
  };
}
