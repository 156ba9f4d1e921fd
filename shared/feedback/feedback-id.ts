import * as z from 'zod/mini';
import { FEEDBACK_SHARDS } from '../store/keys.js';
import type { RecordRef } from './store.js';

/**
 * A feedback id says where its record is in the log: `{shard}-{time recorded}-{nonce}`, as in
 * `07-20261206T011624123Z-0f8e4c1a-5b7d-4e2f-9a3b-1c2d3e4f5a6b` (the time is the record's
 * `recordedAt` to the millisecond without its separators; the nonce a random UUID). Finding a record
 * by its id is then one read of the record itself, and a rating writes no pointer item to find it by
 * (docs/data-model.md). The key read is built from the id's parts and ends with the whole id, so an
 * id, however it was made up, can only name the record that bears it, or nothing.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SELF_LOCATING =
  /^(\d{2})-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Where the record of a self-locating id is; null for any other string (an old id, or none at all). */
export function recordRefOf(feedbackId: string): RecordRef | null {
  const parts = SELF_LOCATING.exec(feedbackId);
  if (!parts) return null;
  const [, shard, year, month, day, hour, minute, second, millis] = parts;
  const recordedAt = `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}Z`;
  // Only times a clock gives (no 13th month, no 25th hour), written as the record's own recordedAt.
  const valid = !Number.isNaN(Date.parse(recordedAt)) && new Date(recordedAt).toISOString() === recordedAt;
  return valid && Number(shard) < FEEDBACK_SHARDS ? { shard: Number(shard), recordedAt, feedbackId } : null;
}

/** The id of a record written to `shard` at `recordedAt`; `nonce` (a random UUID) makes it unique. */
export function feedbackIdAt(shard: number, recordedAt: string, nonce: string): string {
  const id = `${String(shard).padStart(2, '0')}-${recordedAt.replace(/[-:.]/g, '')}-${nonce}`;
  if (!recordRefOf(id)) throw new RangeError(`no feedback id for shard ${shard}, ${recordedAt}, nonce ${nonce}`);
  return id;
}

/**
 * Ids of ratings recorded before ids were self-locating: random UUIDs, found through the pointer
 * item each of those ratings wrote (`FEEDBACKREF#{id}`).
 */
export const isPointedFeedbackId = (feedbackId: string) => UUID.test(feedbackId);

/** A feedback id as the API accepts it: self-locating (to a real shard and time), or a UUID of an earlier rating. */
export const FeedbackIdFormat = z.string().check(
  z.regex(/^(\d{2}-\d{8}T\d{9}Z-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  z.refine((id) => recordRefOf(id) !== null || isPointedFeedbackId(id), 'not a feedback id this service issued'),
);
