import { createHash } from 'node:crypto';
import type { Column } from './columns.js';
import { DATASET_IDS, DATASETS, FORMATS, publishedColumns, type DatasetId } from './datasets.js';
import { fileName } from './format.js';
import { downloadPath } from './paths.js';

/**
 * The data dictionary, from the column definitions in datasets.ts: the page at GET /open-data and
 * the generated part of docs/open-data.md. Plain HTML, no script; its one style sheet is inline,
 * allowed by its hash (DICTIONARY_STYLE_SOURCE), so that it holds under `default-src 'none'`.
 */

/**
 * On a phone each table scrolls sideways in its own box (focusable, so keyboards can scroll it)
 * instead of widening the page, and no column is squeezed to a character per line, as the site's
 * tables do (web/components/table.tsx, web/styles/tables.css).
 */
const STYLE =
  'body{max-width:62rem;margin:0 auto;padding:0 1rem;font-family:system-ui,sans-serif;line-height:1.5}' +
  '.table-wrap{overflow-x:auto}table{border-collapse:collapse}' +
  'th,td{min-width:7em;padding:.3rem .5rem;border:1px solid #cbd2d9;text-align:left;vertical-align:top}';

/** The CSP source that allows STYLE and nothing else. */
export const DICTIONARY_STYLE_SOURCE = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** `code` spans of the column texts, as HTML. */
const inline = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const columnsOf = (id: DatasetId) => publishedColumns(id, '') as ReadonlyArray<Column<never>>;

export function dictionaryHtml(planId: string, planTitleZh: string): string {
  const sections = DATASET_IDS.map((id) => {
    const d = DATASETS[id];
    const links = FORMATS.map(
      (f) => `<a href="${downloadPath(id, f, planId)}" download="${fileName(planId, id, f)}">${f.toUpperCase()}</a>`,
    ).join(' · ');
    const rows = columnsOf(id)
      .map(
        (c) =>
          `<tr><th scope="row"><code>${escapeHtml(c.name)}</code></th><td>${c.type}${c.nullable ? '，可空 / may be empty' : ''}</td><td>${c.unit ? inline(c.unit) : '—'}</td>` +
          `<td lang="en">${inline(c.en)}</td><td>${inline(c.zh)}</td><td>${inline(c.source)}</td></tr>`,
      )
      .join('\n');
    return `<section id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${escapeHtml(d.titleZh)} <span lang="en">· ${escapeHtml(d.titleEn)}</span></h2>
<p>下载 Download: ${links}</p>
<p>每行 / One row: ${escapeHtml(d.rowZh)} <span lang="en">(${inline(d.rowEn)})</span>. 来源 / Source: ${inline(d.source)}.</p>
<div class="table-wrap" role="region" aria-labelledby="${id}-columns" tabindex="0">
<table>
<caption id="${id}-columns">${escapeHtml(d.titleZh)}：字段 / columns</caption>
<thead><tr><th scope="col">字段 Column</th><th scope="col">类型 Type</th><th scope="col">单位 Unit</th><th scope="col" lang="en">Meaning</th><th scope="col">含义</th><th scope="col">来源 Source</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
</section>`;
  }).join('\n');

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>开放数据字典 · Open data dictionary — ${escapeHtml(planTitleZh)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p><a href="/">共评 gongping</a></p>
<h1>开放数据 <span lang="en">· Open data</span></h1>
<p>${escapeHtml(planTitleZh)}</p>
</header>
<main>
<p>以下数据可自由下载，地址长期不变。CSV 为 UTF-8 编码（带 BOM，Excel、WPS 可直接打开中文），首行为字段名；JSON 含相同的行与字段。
<span lang="en">These files are free to download at stable addresses. CSV files are UTF-8 with a byte-order mark, so spreadsheet programs open the Chinese text correctly; the first row holds the column names. The JSON files hold the same rows and columns, typed.</span></p>
<ul>
<li>整个规划（结构化）<span lang="en">The whole plan as data</span>: <a href="${downloadPath('plan', 'json', planId)}" download="${fileName(planId, 'plan', 'json')}">plan.json</a></li>
<li>接口说明 <span lang="en">API reference</span>: <a href="/api/docs">/api/docs</a> (<a href="/api/v1/openapi.json">OpenAPI 3.1</a>)</li>
<li>订阅 <span lang="en">Feeds</span>: <a href="/api/v1/feeds/plan.atom">plan.atom</a>, <code>/api/v1/feeds/indicators/{id}.atom</code>, <code>/api/v1/feeds/projects/{id}.atom</code></li>
</ul>
<p>空单元格表示没有数值：规划未给出数值（“-”、“--”、文字目标）或尚未公布。gongping 不推算、不编造数值。
<span lang="en">An empty cell means there is no number: the plan gives none (“-”, “--”, a statement) or none has been published yet. gongping never invents a value.</span></p>
<nav aria-label="数据集 Datasets"><ul>
${DATASET_IDS.map((id) => `<li><a href="#${id}">${escapeHtml(DATASETS[id].titleZh)} <span lang="en">· ${escapeHtml(DATASETS[id].titleEn)}</span></a></li>`).join('\n')}
</ul></nav>
${sections}
</main>
</body>
</html>
`;
}

const md = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The generated part of docs/open-data.md: one table per dataset. */
export function dictionaryMarkdown(): string {
  return DATASET_IDS.map((id) => {
    const d = DATASETS[id];
    const header = `### ${d.titleEn} · ${d.titleZh} (\`${id}\`)

\`${downloadPath(id, 'csv')}\` · \`${downloadPath(id, 'json')}\`

One row: ${md(d.rowEn)}. Source: ${md(d.source)}.

| Column | Type | Unit | Meaning | 含义 | Source |
| --- | --- | --- | --- | --- | --- |`;
    const rows = columnsOf(id).map(
      (c) =>
        `| \`${c.name}\` | ${c.type}${c.nullable ? ', may be empty' : ''} | ${c.unit ? md(c.unit) : '—'} | ${md(c.en)} | ${md(c.zh)} | ${md(c.source)} |`,
    );
    return [header, ...rows].join('\n');
  }).join('\n\n');
}

export const GENERATED_START =
  '<!-- generated from shared/open-data/datasets.ts by npm run build:openapi: do not edit by hand -->';
export const GENERATED_END = '<!-- end of generated part -->';

/** docs/open-data.md with its generated part replaced by the current one. */
export function withGeneratedDictionary(markdown: string): string {
  const start = markdown.indexOf(GENERATED_START);
  const end = markdown.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error('docs/open-data.md has lost its generated-part markers');
  return `${markdown.slice(0, start + GENERATED_START.length)}\n\n${dictionaryMarkdown()}\n\n${markdown.slice(end)}`;
}
