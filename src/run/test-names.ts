/**
 * Test names are what JUnit and Allure key results by: two tests of one block with the same name are folded into
 * one result with fake retries. Names in a block are made unique (a second "x" becomes "x (2)").
 */

/** The entries with their `name` made unique within the list, in order; the first of each name is unchanged. */
export function uniqueTestNames<T extends { readonly name: string }>(entries: readonly T[]): T[] {
  const seen = new Map<string, number>();
  return entries.map((entry) => {
    const n = (seen.get(entry.name) ?? 0) + 1;
    seen.set(entry.name, n);
    return n === 1 ? entry : { ...entry, name: `${entry.name} (${n})` };
  });
}
