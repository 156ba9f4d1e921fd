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
