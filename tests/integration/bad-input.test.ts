import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * Hostile and broken requests across every public route: each must get the right 4xx problem
 * document and leave the stored data exactly as it was.
 */
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let token = '';

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  const built = testApp(store.current);
  app = built.app;
  token = built.deps.voterTokens.issue().token;
});

type Case = {
  name: string;
  method?: string;
  path: string;
  body?: BodyInit;
  headers?: Record<string, string>;
  status: number;
  type: string;
};

const valid = { targetType: 'indicator', targetId: 'gdp', rating: 4 };
const post = (
  name: string,
  body: unknown,
  status: number,
  type: string,
  headers: Record<string, string> = {},
): Case => ({
  name,
  method: 'POST',
  path: '/api/v1/feedback',
  body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...headers },
  status,
  type,
});
const deep = (depth: number): unknown => (depth === 0 ? 1 : { a: deep(depth - 1) });

const cases: Case[] = [
  // Malformed bodies
  post('truncated JSON', '{"targetType":"indicator"', 400, 'malformed-body'),
  post('JSON with a trailing comma', '{"rating":4,}', 400, 'malformed-body'),
  post('single-quoted JSON', "{'rating':4}", 400, 'malformed-body'),
  post('a bare string', '"hello"', 400, 'validation-failed'),
  post('a number', '42', 400, 'validation-failed'),
  post('null', 'null', 400, 'validation-failed'),
  post('an array', JSON.stringify([valid]), 400, 'validation-failed'),
  post('an empty object', {}, 400, 'validation-failed'),
  post('an empty body', '', 400, 'malformed-body'),
  post('whitespace only', '   \n ', 400, 'malformed-body'),
  post('deep nesting', { ...valid, comment: deep(500) }, 400, 'validation-failed'),
  post('deep nesting of arrays', '['.repeat(5000) + ']'.repeat(5000), 400, 'validation-failed'),
  post('invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 400, 'malformed-body'),
  post(
    'an overlong UTF-8 encoding',
    new Uint8Array([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]),
    400,
    'malformed-body',
  ),
  post('a UTF-16 body', new Uint8Array(Buffer.from(JSON.stringify(valid), 'utf16le')), 400, 'malformed-body'),
  post('a huge body', { ...valid, comment: 'x'.repeat(20_000) }, 413, 'payload-too-large'),
  post('a huge body of multibyte text', { ...valid, comment: '评'.repeat(6_000) }, 413, 'payload-too-large'),
  // Wrong types
  ...[null, '4', 4.5, -1, 0, 6, Number.POSITIVE_INFINITY, true, [4], { value: 4 }, 'NaN', Number.MAX_SAFE_INTEGER].map(
    (rating) => post(`rating ${JSON.stringify(rating)}`, { ...valid, rating }, 400, 'validation-failed'),
  ),
  ...[null, 1, 'Indicator', 'indicators', 'department', '', ['indicator'], { type: 'indicator' }].map((targetType) =>
    post(`targetType ${JSON.stringify(targetType)}`, { ...valid, targetType }, 400, 'validation-failed'),
  ),
  ...[
    null,
    42,
    '',
    'GDP',
    'gdp ',
    ' gdp',
    'gdp\u0000',
    '../gdp',
    '..%2Fgdp',
    'gdp/../plan',
    'a'.repeat(81),
    'gdp;drop',
    '<script>',
    'gd\u200bp',
    '国内生产总值',
  ].map((targetId) => post(`targetId ${JSON.stringify(targetId)}`, { ...valid, targetId }, 400, 'validation-failed')),
  ...[42, true, ['text'], { text: 'x' }, null].map((comment) =>
    post(`comment ${JSON.stringify(comment)}`, { ...valid, comment }, 400, 'validation-failed'),
  ),
  post(
    'a comment with a lone high surrogate',
    '{"targetType":"indicator","targetId":"gdp","rating":4,"comment":"a\\ud800b"}',
    400,
    'validation-failed',
  ),
  post(
    'a comment with a lone low surrogate',
    '{"targetType":"indicator","targetId":"gdp","rating":4,"comment":"\\udc00"}',
    400,
    'validation-failed',
  ),
  post('a comment of 2,001 characters', { ...valid, comment: '好'.repeat(2001) }, 400, 'validation-failed'),
  // Missing and extra fields
  post('missing rating', { targetType: 'indicator', targetId: 'gdp' }, 400, 'validation-failed'),
  post('missing targetId', { targetType: 'indicator', rating: 4 }, 400, 'validation-failed'),
  post('missing targetType', { targetId: 'gdp', rating: 4 }, 400, 'validation-failed'),
  ...['voterId', 'id', 'status', 'year', '__proto__', 'constructor', 'recordedAt', 'ip'].map((field) =>
    post(
      `extra field ${field}`,
      JSON.parse(`{"targetType":"indicator","targetId":"gdp","rating":4,"${field}":"x"}`),
      400,
      'validation-failed',
    ),
  ),
  post('unknown target', { ...valid, targetId: 'no-such-indicator' }, 404, 'not-found'),
  post('an indicator id as a project', { ...valid, targetType: 'project' }, 404, 'not-found'),
  // Content types
  post('text/plain', JSON.stringify(valid), 415, 'unsupported-media-type', { 'Content-Type': 'text/plain' }),
  post('form-encoded', 'rating=4', 415, 'unsupported-media-type', {
    'Content-Type': 'application/x-www-form-urlencoded',
  }),
  post('multipart', '--x\r\n\r\n--x--', 415, 'unsupported-media-type', {
    'Content-Type': 'multipart/form-data; boundary=x',
  }),
  post('json with a foreign charset', JSON.stringify(valid), 415, 'unsupported-media-type', {
    'Content-Type': 'application/json; charset=gbk',
  }),
  post('application/xml', '<rating>4</rating>', 415, 'unsupported-media-type', { 'Content-Type': 'application/xml' }),
  post('a content type with a trailing junk', JSON.stringify(valid), 415, 'unsupported-media-type', {
    'Content-Type': 'application/jsonx',
  }),
  // Voter tokens
  ...[
    '',
    'v1',
    'v1..',
    'v2.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA',
    'v1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA',
    'x'.repeat(5000),
    'v1.<script>.x',
  ].map((header) =>
    post(`voter token ${JSON.stringify(header.slice(0, 20))}`, valid, 401, 'invalid-voter-token', {
      'X-Voter-Token': header,
    }),
  ),
  // Idempotency keys
  post('an Idempotency-Key with spaces', valid, 400, 'validation-failed', { 'Idempotency-Key': 'has spaces' }),
  post('an Idempotency-Key too long', valid, 400, 'validation-failed', { 'Idempotency-Key': 'k'.repeat(256) }),
  // Ids in paths
  ...[
    'no-such',
    'GDP',
    'gdp%00',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '..%5c..%5cwindows',
    'a'.repeat(300),
    'gdp%20',
    '%E5%9B%BD%E5%86%85',
    '%F0%9F%98%80',
    '%ZZ',
    'gdp%0d%0aSet-Cookie:%20x=1',
  ].flatMap((id) => [
    { name: `indicator id ${id.slice(0, 24)}`, path: `/api/v1/indicators/${id}`, status: 404, type: 'not-found' },
    { name: `project id ${id.slice(0, 24)}`, path: `/api/v1/projects/${id}`, status: 404, type: 'not-found' },
    {
      name: `comments of ${id.slice(0, 24)}`,
      path: `/api/v1/indicators/${id}/comments`,
      status: 404,
      type: 'not-found',
    },
    { name: `ratings of ${id.slice(0, 24)}`, path: `/api/v1/projects/${id}/ratings`, status: 404, type: 'not-found' },
  ]),
  // Query parameters
  ...['category=nonsense', 'attribute=both', 'status=great', 'colour=red', 'category=', 'status=on_track&extra=1'].map(
    (q) => ({
      name: `indicators?${q}`,
      path: `/api/v1/indicators?${q}`,
      status: 400,
      type: 'validation-failed',
    }),
  ),
  ...['box=0', 'box=26', 'box=abc', 'box=1.5', 'status=done', 'page=2'].map((q) => ({
    name: `projects?${q}`,
    path: `/api/v1/projects?${q}`,
    status: 400,
    type: 'validation-failed',
  })),
  ...['limit=0', 'limit=101', 'limit=-5', 'limit=abc', 'limit=1e3', `cursor=${'x'.repeat(500)}`, 'sort=asc'].map(
    (q) => ({
      name: `comments?${q.slice(0, 24)}`,
      path: `/api/v1/indicators/gdp/comments?${q}`,
      status: 400,
      type: 'validation-failed',
    }),
  ),
  // The last: well-formed, but with an empty sort key the store itself would refuse.
  ...[
    'cursor=bm90LWpzb24',
    'cursor=eyJzIjoieCIsInAiOiJWT1RFUiNhIiwiayI6IkJBTExPVCN4In0',
    'cursor=eyJzIjoiIiwicCI6IkZFRURCQUNLIzAwIiwiayI6ImEjYiJ9',
  ].map((q) => ({
    name: `comments?${q.slice(0, 24)}`,
    path: `/api/v1/indicators/gdp/comments?${q}`,
    status: 400,
    type: 'invalid-cursor',
  })),
  ...[
    'period=2025-13',
    'period=2025-1',
    'period=20255',
    'period=last',
    'period=',
    'group=department',
    'group=plan&x=1',
  ].map((q) => ({
    name: `ratings?${q}`,
    path: `/api/v1/ratings?${q}`,
    status: 400,
    type: 'validation-failed',
  })),
  ...['target=gdp', 'target=indicator', 'target=indicator:gdp&granularity=day', 'target=', 'granularity=month'].map(
    (q) => ({
      name: `series?${q}`,
      path: `/api/v1/ratings/series?${q}`,
      status: 400,
      type: 'validation-failed',
    }),
  ),
  {
    name: 'series of an unknown category',
    path: '/api/v1/ratings/series?target=category:nope',
    status: 404,
    type: 'not-found',
  },
  ...['targetType=indicator', 'targetId=gdp', 'targetType=plan&targetId=gdp', 'x=1'].map((q) => ({
    name: `me/feedback?${q}`,
    path: `/api/v1/me/feedback?${q}`,
    status: 400,
    type: 'validation-failed',
  })),
  // Wrong methods and unknown routes
  ...[
    ['DELETE', '/api/v1/plan'],
    ['PUT', '/api/v1/indicators/gdp'],
    ['PATCH', '/api/v1/feedback'],
    ['GET', '/api/v1/feedback'],
    ['POST', '/api/v1/indicators'],
    ['DELETE', '/api/v1/me/feedback'],
    ['GET', '/api/v2/plan'],
    ['POST', '/api/v1/plan'],
    ['PUT', '/api/v1/feedback'],
  ].map(([method, path]) => ({ name: `${method} ${path}`, method, path: path!, status: 404, type: 'not-found' })),
];

describe('bad input', () => {
  it(`covers at least 100 requests (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases)('$name → $status', async ({ method = 'GET', path, body, headers = {}, status, type }) => {
    const before = JSON.stringify(await store.scanAll());
    const res = await app.request(path, {
      method,
      headers: { 'X-Voter-Token': token, ...headers },
      ...(body !== undefined ? { body } : {}),
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { type: string; status: number; title: string };
    expect(problem).toMatchObject({ type: `urn:gongping:problem:${type}`, status });
    expect(JSON.stringify(problem)).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts\b/);
    expect(JSON.stringify(await store.scanAll())).toBe(before);
  });
});
