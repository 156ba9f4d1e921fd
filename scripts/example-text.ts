/**
 * How a recorded answer's text is shown in the OpenAPI document: shortened, and with random ids
 * replaced by stable ones, so that the document comes out the same on every build.
 */

/** Text answers (CSV, Atom, HTML) are shown by their first lines. */
export const firstLines = (text: string, lines = 8) => {
  const all = text.split(/\r?\n/);
  return all.length > lines ? `${all.slice(0, lines).join('\n')}\n…` : text;
};

/**
 * The audit log names its entries with random UUIDs (not the app's `newId`); for the document to
 * come out the same on every build, each is shown as the n-th example id in order of appearance.
 */
const RANDOM_UUID =
  /\b(?!00000000-0000-4000-8000-)[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b/g;
export function stableIds(seen: Map<string, string>, text: string): string {
  return text.replace(RANDOM_UUID, (uuid) => {
    let stable = seen.get(uuid);
    if (!stable) seen.set(uuid, (stable = `00000000-0000-4000-a000-${String(seen.size + 1).padStart(12, '0')}`));
    return stable;
  });
}
