import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { applyStep, type CaseStep } from '../../shared/cases/case.js';
import { lookupLimits } from '../../shared/abuse/rate-limits.js';
import { rateLimitRepository } from '../../shared/store/rate-limit-repository.js';
import { behindTrustedProxy, json, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * A 差评 case's private Atom feed on dynalite: opened with the receipt code in its address, it
 * lists each step the case takes (and each deadline passed unanswered) as it happens, says no more
 * than the citizen's own view, and is never cached or indexed.
 */
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
// Monday 16 June 2025, 10:00 in Jinan.
let now = Date.parse('2025-06-16T02:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  ({ app, deps } = testApp(store.current, { ...behindTrustedProxy, clock: () => new Date(now) }));
});

let addresses = 0;
const newClient = () => ({ 'CloudFront-Viewer-Address': `203.0.113.${++addresses}:41234` });

async function fileComplaint(targetId: string) {
  now += 1000;
  const res = await app.request(
    '/api/v1/feedback',
    json({ targetType: 'indicator', targetId, rating: 2, comment: '季度数据迟迟没有公布' }, newClient()),
  );
  expect(res.status).toBe(201);
  const body = (await res.json()) as { followUpCase: { caseId: string; receiptCode: string } };
  return { caseId: body.followUpCase.caseId, code: body.followUpCase.receiptCode };
}

/** A step as a monitor (or the citizen) takes it, through the case repository. */
async function step(caseId: string, change: CaseStep, by = 'monitor (sub-1)') {
  now += 60_000;
  const rules = { deadlineDays: deps.caseDeadlineDays, calendar: deps.calendar };
  await deps.cases.update(caseId, (current) => applyStep(current, change, by, new Date(now), rules));
}

const feedOf = (caseId: string, code: string, headers: Record<string, string> = newClient()) =>
  app.request(`/api/v1/feeds/cases/${caseId}.atom?code=${code}`, { headers });

/** The entries' categories (the kinds of step), newest first. */
const kinds = (atom: string) => [...atom.matchAll(/<category term="([^"]+)"/g)].map((m) => m[1]);

describe('a case’s private feed', () => {
  it('is opened with the receipt code and is private: never cached, never indexed', async () => {
    const { caseId, code } = await fileComplaint('gdp');
    const res = await feedOf(caseId, code);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    const atom = await res.text();
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom).toContain('地区生产总值');
    expect(kinds(atom)).toEqual(['open']);
  });

  it('refuses a wrong code and a case that does not exist alike, 404', async () => {
    const { caseId } = await fileComplaint('gdp');
    const client = newClient();
    expect((await feedOf(caseId, '00000-00000', client)).status).toBe(404);
    expect((await feedOf(caseId.replace(/.{4}$/, '0000'), '00000-00000', client)).status).toBe(404);
    expect((await app.request(`/api/v1/feeds/cases/${caseId}.atom`, { headers: client })).status).toBe(400);
  });

  it('shows each state change as it happens: verified, rectified, replied with the reply, rated, closed', async () => {
    const { caseId, code } = await fileComplaint('retail-sales');
    await step(caseId, { action: 'verify' });
    await step(caseId, { action: 'rectify', note: '内部备注：联系统计科' });
    await step(caseId, { action: 'reply', department: '鲤城区统计局', text: '季度数据已于本周补充公布。' });
    let atom = await (await feedOf(caseId, code)).text();
    expect(kinds(atom)).toEqual(['reply', 'rectify', 'verify', 'open']);
    expect(atom).toContain('季度数据已于本周补充公布。');
    expect(atom).toContain('鲤城区统计局');
    // What the office noted for itself, and who in it acted, stay out: the feed says what /me says.
    expect(atom).not.toContain('内部备注');
    expect(atom).not.toContain('sub-1');
    await step(caseId, { action: 'satisfied' }, 'citizen');
    atom = await (await feedOf(caseId, code)).text();
    expect(kinds(atom)).toEqual(['satisfied', 'reply', 'rectify', 'verify', 'open']);
    expect(atom).toContain('已办结');
    // Each entry keeps its id as the feed grows, so a reader sees only the new one as new.
    const ids = [...atom.matchAll(/<id>(tag:[^<]+)<\/id>/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(`tag:localhost,2026:cases/${caseId}/steps/0`);
  });

  it('shows a deadline passed without a reply, and keeps it once the reply comes late', async () => {
    const { caseId, code } = await fileComplaint('export-value');
    now += 30 * DAY;
    let atom = await (await feedOf(caseId, code)).text();
    expect(kinds(atom)).toEqual(['overdue', 'open']);
    expect(atom).toContain('已超过答复期限');
    await step(caseId, { action: 'verify' });
    await step(caseId, { action: 'reply', department: '鲤城区商务局', text: '已核实并说明。' });
    atom = await (await feedOf(caseId, code)).text();
    expect(kinds(atom)).toEqual(['reply', 'verify', 'overdue', 'open']);
    await step(caseId, { action: 'close', note: '办结' });
    expect(kinds(await (await feedOf(caseId, code)).text())[0]).toBe('close');
  });

  it('counts its readings per client and case, apart from look-ups', async () => {
    const limits = lookupLimits(rateLimitRepository(store.current), {
      windowSeconds: 60,
      perClient: 1,
      feedPerClient: 2,
    });
    const client = { addressHash: 'feed-reader', voterId: null };
    const at = new Date(now);
    await limits.check(client, at, { kind: 'feed', caseId: 'case-a' });
    await limits.check(client, at, { kind: 'feed', caseId: 'case-a' });
    await expect(limits.check(client, at, { kind: 'feed', caseId: 'case-a' })).rejects.toMatchObject({
      retryAfterSeconds: expect.any(Number),
    });
    // Another case's feed, and a look-up, are counted on their own.
    await limits.check(client, at, { kind: 'feed', caseId: 'case-b' });
    await limits.check(client, at);
  });
});
