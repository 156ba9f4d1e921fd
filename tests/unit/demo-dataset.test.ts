import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPlanFile } from '../../shared/plan/file.js';
import { loadPlan } from '../../shared/plan/load.js';
import { assessProgress } from '../../shared/progress/status.js';
import { wilsonInterval } from '../../shared/ratings/statistics.js';
import { DEFAULT_RATINGS, demoCounts, demoDataset } from '../../functions/local/demo/dataset.js';
import { demoFolderRefusal, refusal } from '../../functions/local/demo/guard.js';
import { CASE_OUTCOMES, REGIONS } from '../../functions/local/demo/ratings.js';

const plan = loadPlan();
const checked = checkPlanFile(readFileSync('tests/fixtures/plans/sample-15th.json'));
if (!checked.ok) throw new Error('the sample plan fixture is invalid');
const sample = checked.plan;
const full = demoDataset(plan, sample);

describe('the demo data set (npm run demo)', () => {
  it('is the same for the same seed and differs for another seed', () => {
    expect(demoDataset(plan, sample, { ratings: 300 })).toEqual(demoDataset(plan, sample, { ratings: 300 }));
    const other = demoDataset(plan, sample, { seed: 'another seed', ratings: 300 });
    expect(other.ratings).not.toEqual(demoDataset(plan, sample, { ratings: 300 }).ratings);
    expect(other.observations).not.toEqual(full.observations);
  });

  it('gives yearly values that the status method puts in every one of the six statuses, as intended', () => {
    for (const series of full.series) {
      const indicator = plan.indicators.find((i) => i.id === series.indicatorId)!;
      expect(assessProgress(indicator, series.values).status, series.indicatorId).toBe(series.status);
    }
    expect(new Set(full.series.map((s) => s.status))).toEqual(
      new Set(['achieved', 'on_track', 'needs_acceleration', 'limited_progress', 'deteriorating', 'not_assessable']),
    );
    // Every indicator with a number in the plan has values; only the wholly qualitative rows have none.
    expect(full.series.map((s) => s.indicatorId).sort()).toEqual(
      plan.indicators
        .filter((i) => !(i.baseline.kind === 'qualitative' && i.target.kind === 'qualitative'))
        .map((i) => i.id)
        .sort(),
    );
    // "On track" ones stop a year short (the target year's value not yet out); the others reach the target year.
    for (const s of full.series) {
      const last = Math.max(...s.values.map((v) => v.year));
      expect(last, s.indicatorId).toBe(s.status === 'on_track' ? 2024 : 2025);
      expect(Math.min(...s.values.map((v) => v.year)), s.indicatorId).toBe(2021);
    }
  });

  it('has the counts docs/demo.md documents', () => {
    const counts = demoCounts(full);
    expect(counts.ratings).toBe(DEFAULT_RATINGS);
    expect(demoCounts(demoDataset(plan, sample, { ratings: 123 })).ratings).toBe(123);
    expect(counts.comments).toBeGreaterThan(counts.ratings * 0.25);
    expect(counts.comments).toBe(counts.pending + counts.published + counts.rejected + counts.hidden);
    for (const kind of ['pending', 'rejected', 'hidden', 'flagged', 'phoneNumbersMasked', 'reratings'] as const)
      expect(counts[kind], kind).toBeGreaterThan(5);
    for (const outcome of CASE_OUTCOMES) expect(counts.cases[outcome], outcome).toBeGreaterThan(10);
    // Every 差评 with a comment has its case, and nothing else has one.
    for (const r of full.ratings) expect(r.case !== null, r.feedbackId).toBe(r.rating <= 2 && r.comment !== null);
    expect(counts.progressReports).toBeGreaterThan(plan.projects.length);
    expect(full.progress.some((p) => p.planId === sample.id)).toBe(true);
    expect(counts.sampleRatings).toBe(DEFAULT_RATINGS * 0.02);
  });

  it('keeps ratings within their plan period, one per voter, target of a plan and year, and times each step after the one before', () => {
    const seen = new Set<string>();
    for (const r of full.ratings) {
      // The 14th plan's five years; the sample plan's first seven months, all follow-ups before this December.
      if (r.planId === plan.id)
        expect(r.at >= '2020-12-31T16:00:00.000Z' && r.at < '2025-12-31T16:00:00.000Z', r.at).toBe(true);
      else {
        expect(r.planId).toBe(sample.id);
        expect(r.at >= '2025-12-31T16:00:00.000Z' && r.at < '2026-07-31T16:00:00.000Z', r.at).toBe(true);
        for (const step of r.case?.steps ?? []) expect(step.at < '2026-12-01', step.at).toBe(true);
      }
      const year = new Date(Date.parse(r.at) + 8 * 3600_000).getUTCFullYear();
      const key = `${r.voterId}|${r.planId}|${r.targetId}|${year}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      // The comment's moderation and the case are worked on side by side, each in order, both after the rating.
      for (const times of [
        [r.at, r.moderation?.at, r.hidden?.at, ...r.flags.map((f) => f.at)],
        [r.at, ...(r.case?.steps.map((s) => s.at) ?? []), r.case?.rerating?.at],
      ]) {
        const defined = times.filter((t): t is string => t !== undefined);
        expect([...defined].sort(), r.feedbackId).toEqual(defined);
      }
    }
  });

  it('steers ratings so that indicators land in every region of the two verdicts, clear of the 0.5 and 0.7 thresholds', () => {
    for (const region of REGIONS) expect(Object.values(full.regions), region).toContain(region);
    for (const [indicatorId, region] of Object.entries(full.regions)) {
      // A re-rating replaces a 差评 by a 3: the satisfied share stays what the first ratings made it.
      const ratings = full.ratings.filter((r) => r.planId === plan.id && r.targetId === indicatorId);
      expect(ratings.length, indicatorId).toBeGreaterThanOrEqual(50);
      const interval = wilsonInterval(ratings.filter((r) => r.rating >= 4).length, ratings.length)!;
      if (region === 'agree-good' || region === 'quiet-success')
        expect(interval.lower, indicatorId).toBeGreaterThan(0.7);
      if (region === 'agree-bad' || region === 'paper-progress') expect(interval.upper, indicatorId).toBeLessThan(0.5);
      const status = full.series.find((s) => s.indicatorId === indicatorId)?.status ?? 'not_assessable';
      const onPaper = status === 'achieved' || status === 'on_track';
      if (region === 'agree-good' || region === 'paper-progress') expect(onPaper, indicatorId).toBe(true);
      if (region === 'agree-bad' || region === 'quiet-success')
        expect(['needs_acceleration', 'limited_progress', 'deteriorating'], indicatorId).toContain(status);
    }
  });

  it('refuses to run where it could write to another store than its own folder', () => {
    expect(refusal({})).toBeNull();
    expect(refusal({ DYNAMODB_ENDPOINT: 'http://localhost:8000' })).toMatch(/unset DYNAMODB_ENDPOINT/);
    expect(refusal({ TABLE_NAME: 'gongping-prod', DATA_DIR: '.data' })).toMatch(/unset DATA_DIR, TABLE_NAME/);
    expect(refusal({ DATA_DIR: '' })).toBeNull();
    expect(demoFolderRefusal('.data', '.data')).toMatch(/npm start's own data folder/);
    expect(demoFolderRefusal('./.data/', '.data')).toMatch(/npm start's own data folder/);
    expect(demoFolderRefusal('/tmp/gongping-demo-1', '.data')).toBeNull();
  });
});
