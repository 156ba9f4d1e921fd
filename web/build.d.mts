/** Types of web/build.mjs, for the TypeScript that calls it (functions/local/server.ts, tests). */
export interface WebManifest {
  entries: Record<'main.css' | 'charts.js' | 'feedback.js', string>;
  builtAt: string;
}

export declare const WEB_ENTRIES: Record<'main.css' | 'charts.js' | 'feedback.js', string>;

export declare function buildWeb(options?: {
  root?: string;
  distDir?: string;
  clean?: boolean;
  log?: boolean;
}): Promise<WebManifest>;

export declare function ensureWebBuild(options?: { root?: string; distDir?: string }): Promise<boolean>;
