/**
 * Keeps the answers of a read function for `ttlMs` per argument list, in this process. For what
 * every public page reads and changes seldom (the plan's partition, the published summaries): a
 * container then reads it from the table once per interval instead of once per request, which
 * also keeps a popular plan's partition far below its read limit. Concurrent misses share one load.
 */
export function readThrough<A extends unknown[], T>(
  load: (...args: A) => Promise<T>,
  ttlMs: number,
  now: () => number = Date.now,
) {
  if (ttlMs <= 0) return load;
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (...args: A): Promise<T> => {
    const key = JSON.stringify(args);
    const held = entries.get(key);
    if (held && now() - held.at < ttlMs) return held.value;
    const value = load(...args);
    entries.set(key, { at: now(), value });
    // A failed load is not kept: the next request tries the store again.
    value.catch(() => entries.delete(key));
    return value;
  };
}

/**
 * Store versions as the caches of this process believe them: `read` (one request answering every
 * version) is asked at most once per `windowMs` (0: at every read; reads in flight are shared either
 * way). `label(pick)` gives one of them as the key a cache keeps its answers under; every `renewMs`
 * the label changes even if the stored version did not, so a write whose bump was lost (the writer
 * failed between the two) still shows after that long (docs/caching.md).
 */
export function versionWatch<T>(
  read: () => Promise<T>,
  { windowMs, renewMs, now = Date.now }: { windowMs: number; renewMs: number; now?: () => number },
) {
  type Held = { at: number; settled: boolean; versions: Promise<{ stored: T; renewal: number }> };
  let held: Held | null = null;
  const current = () => {
    const at = now();
    if (held && (!held.settled || at - held.at < windowMs)) return held.versions;
    const versions = read().then((stored) => ({ stored, renewal: Math.floor(at / renewMs) }));
    const mine: Held = { at, settled: false, versions };
    held = mine;
    versions.then(
      () => (mine.settled = true),
      // A failed read is not kept: the next request asks the store again.
      () => held === mine && (held = null),
    );
    return versions;
  };
  return {
    label: (pick: (stored: T) => string) => async (): Promise<string> => {
      const { stored, renewal } = await current();
      return `${pick(stored)}@${renewal}`;
    },
    /** After this process wrote: its next read asks the store, so it sees its own write at once. */
    expire: () => {
      held = null;
    },
  };
}

/** Entries one version of a cache holds at most; more (odd arguments, say) and it starts afresh. */
const MAX_ENTRIES = 1000;

/**
 * Keeps the answers of a read function for as long as `version` answers the same: a new version
 * drops them all. The version is asked before the load, so an answer is never older than the
 * version it is kept under. Answers `keep` refuses (a plan not found) are not kept.
 */
export function versionedReadThrough<A extends unknown[], T>(
  load: (...args: A) => Promise<T>,
  version: () => Promise<string>,
  keep: (value: T) => boolean = () => true,
) {
  let held = { version: '', entries: new Map<string, Promise<T>>() };
  return async (...args: A): Promise<T> => {
    const current = await version();
    if (held.version !== current || held.entries.size >= MAX_ENTRIES) held = { version: current, entries: new Map() };
    const { entries } = held;
    const key = JSON.stringify(args);
    const kept = entries.get(key);
    if (kept) return kept;
    const value = load(...args);
    entries.set(key, value);
    value.then(
      (answer) => keep(answer) || entries.delete(key),
      () => entries.delete(key),
    );
    return value;
  };
}
