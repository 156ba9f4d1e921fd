import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/** A citizen's form over its route's size limit answers with a page in the reader's language, not a line of English. */
const store = useStore();
let app: ReturnType<typeof testApp>['app'];

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  ({ app } = testApp(store.current));
});

const postBig = (path: string, bytes: number, lang: string) =>
  app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost',
      Cookie: `lang=${lang}`,
    },
    body: new URLSearchParams({ comment: 'x'.repeat(bytes) }).toString(),
  });

describe('a citizen form that is too large', () => {
  it.each([
    ['/feedback', 70_000, '64 KiB'],
    ['/settings', 5_000, '4 KiB'],
    ['/cases/lookup', 5_000, '4 KiB'],
  ])('%s answers 413 with a page in Chinese or English', async (path, bytes, limit) => {
    const zh = await postBig(path, bytes, 'zh-CN');
    expect(zh.status).toBe(413);
    expect(zh.headers.get('content-type')).toMatch(/^text\/html/);
    const zhHtml = await zh.text();
    expect(zhHtml).toContain('<h1>提交的内容过大</h1>');
    expect(zhHtml).toContain(`最多接收 ${limit}`);
    expect(zhHtml).not.toMatch(/The form is larger|Too large\./);
    const en = await postBig(path, bytes, 'en');
    expect(en.status).toBe(413);
    expect(await en.text()).toContain(`This form takes at most ${limit}`);
  });
});
