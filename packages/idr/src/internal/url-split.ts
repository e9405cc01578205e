// Long id lists: nginx refuses a request line longer than its 8 KB header buffer (431/414), so
// a request naming many ids is split into several whose URLs each stay under the limit.

/** The longest URL we send, in bytes: under nginx's default 8 KB buffer with room for `GET … HTTP/1.1`. */
export const MAX_URL_BYTES = 8000;

/**
 * Split `ids` (per query key, in order) into groups whose URLs fit in `MAX_URL_BYTES`, given the
 * length of the URL without any of them (`baseLength`, paging parameters included). Keeps the
 * order: the first ids go in the first group. One id per group at least, so nothing is dropped.
 */
export function splitIdGroups(ids: Record<string, readonly number[]>, baseLength: number, max = MAX_URL_BYTES): Record<string, number[]>[] {
  const groups: Record<string, number[]>[] = [];
  let current: Record<string, number[]> = {};
  let length = baseLength;
  let count = 0;
  for (const [key, values] of Object.entries(ids)) {
    const prefix = `&${encodeURIComponent(key)}=`.length;
    for (const id of values) {
      const add = prefix + String(id).length;
      if (count > 0 && length + add > max) {
        groups.push(current);
        current = {};
        length = baseLength;
        count = 0;
      }
      const list = current[key] ?? [];
      list.push(id);
      current[key] = list;
      length += add;
      count++;
    }
  }
  if (count > 0) groups.push(current);
  return groups;
}
