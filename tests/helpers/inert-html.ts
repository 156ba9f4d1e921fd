import { expect } from 'vitest';

/*
 * What a browser would make of a page, for the output-encoding tests: a small tokenizer, as a
 * browser's: tags with quoted attributes, raw text in script, RCDATA in textarea and title. Text
 * never holds a `<` followed by a letter once it is escaped, so every start tag found is a real
 * element.
 */
export interface Tag {
  name: string;
  attributes: Array<[string, string]>;
  /** The raw content of a script, textarea or title element. */
  raw?: string;
}

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'xmp', 'iframe', 'noembed', 'noframes']);

export function tokenize(html: string): Tag[] {
  const tags: Tag[] = [];
  const tagRe =
    /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\/?([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/)*)\s*>/g;
  let match: RegExpExecArray | null;
  while ((match = tagRe.exec(html))) {
    const [whole, rawName, attributeText = ''] = match;
    if (!rawName || whole.startsWith('</')) continue;
    const name = rawName.toLowerCase();
    const attributes = [...attributeText.matchAll(ATTRIBUTE)].map(
      ([, key, a, b, c]) => [key!.toLowerCase(), decode(a ?? b ?? c ?? '')] as [string, string],
    );
    const tag: Tag = { name, attributes };
    if (RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, tagRe.lastIndex);
      tag.raw = html.slice(tagRe.lastIndex, end === -1 ? html.length : end);
      tagRe.lastIndex = end === -1 ? html.length : end;
    }
    tags.push(tag);
  }
  return tags;
}

export const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'xlink:href',
  'srcdoc',
  'poster',
  'background',
]);

/** Everything a page must never contain, whatever data it shows. */
export function expectInert(html: string, label: string) {
  const tags = tokenize(html);
  for (const tag of tags) {
    expect(
      [
        'iframe',
        // The server draws its charts as inline SVG (verdict trends); what SVG could smuggle in stays forbidden.
        'foreignobject',
        'use',
        'animate',
        'set',
        'img',
        'object',
        'embed',
        'style',
        'math',
        'base',
        'frame',
        'frameset',
        'video',
        'audio',
        'source',
        'noscript',
        'body2',
      ],
      `${label}: <${tag.name}>`,
    ).not.toContain(tag.name);
    for (const [key, value] of tag.attributes) {
      expect(key.startsWith('on'), `${label}: <${tag.name} ${key}=…>`).toBe(false);
      expect(
        ['style', 'srcdoc', 'autofocus', 'http-equiv', 'xlink:href', 'formaction'],
        `${label}: <${tag.name} ${key}>`,
      ).not.toContain(key);
      // The one data: URL of the site's own: the empty favicon `<link rel="icon" href="data:,">`.
      if (URL_ATTRIBUTES.has(key) && !(tag.name === 'link' && value === 'data:,'))
        // eslint-disable-next-line no-control-regex -- a browser ignores control characters in a URL's scheme
        expect(value.replace(/[\s\u0000-\u001f]/g, ''), `${label}: <${tag.name} ${key}="${value}">`).not.toMatch(
          /^(javascript|data|vbscript):/i,
        );
    }
    // The site's own only: the stylesheet, the empty favicon, and the Atom feeds offered to feed readers.
    if (tag.name === 'link')
      expect(tag.attributes.find(([k]) => k === 'href')?.[1], label).toMatch(
        /^(\/assets\/|data:,$|\/api\/v1\/feeds\/(plan|(indicators|projects)\/[\w%.-]+)\.atom$)/,
      );
    if (tag.name === 'meta')
      expect(
        tag.attributes
          .map(([k]) => k)
          .sort()
          .join(),
        label,
      ).toMatch(/^(charset|content,name)$/);
    if (tag.name === 'script') {
      const type = tag.attributes.find(([k]) => k === 'type')?.[1];
      const src = tag.attributes.find(([k]) => k === 'src')?.[1];
      if (type === 'application/json') {
        // A data block: no `<` at all (so no `</script>`, no `<!--`), and it parses whole.
        expect(tag.raw, `${label}: JSON block`).not.toMatch(/</);
        expect(() => JSON.parse(tag.raw!), `${label}: JSON block parses`).not.toThrow();
      } else {
        expect(type, label).toBe('module');
        expect(src, label).toMatch(/^\/assets\/[\w.-]+\.js$/);
        expect(tag.raw, label).toBe('');
      }
    }
  }
  // Script tags open and close in pairs: nothing opened one the tokenizer did not see.
  expect((html.match(/<script\b/gi) ?? []).length, label).toBe(tags.filter((t) => t.name === 'script').length);
  expect((html.match(/<\/script\s*>/gi) ?? []).length, label).toBe(tags.filter((t) => t.name === 'script').length);
  expect(
    tags.filter((t) => t.name === 'html' || t.name === 'body' || t.name === 'head').map((t) => t.name),
    label,
  ).toEqual(['html', 'head', 'body']);
  return tags;
}

export const scriptsOf = (tags: Tag[]) =>
  tags
    .filter((t) => t.name === 'script')
    .map((t) => t.attributes.map(([k, v]) => `${k}=${k === 'src' ? v.replace(/\.[A-Z0-9]+\.js$/, '') : v}`).join(' '));

/** The text of each `<p class="comment__text">` (comments and replies), as a reader sees it. */
export const commentTexts = (html: string) =>
  [...html.matchAll(/<p class="comment__text">([^<]*)<\/p>/g)].map(([, text]) => decode(text!));
