/**
 * Reading an append-only list, oldest first, page by page, from where the last read stopped. `seen` counts the rows
 * read so far and `lastUid` names the last of them, to notice the list changing under us.
 */
export interface MovementCursor {
  seen: number;
  lastUid: string | null;
}

export interface ListPage<T> {
  page: number;
  totalPages: number;
  items: readonly T[];
}

/** The page holding the last row seen (so it can be checked), or the first page of a list never read. */
export const firstPageFor = (cursor: MovementCursor | null, pageSize: number): number =>
  cursor === null ? 1 : Math.floor(Math.max(cursor.seen - 1, 0) / pageSize) + 1;

/**
 * The rows of a page that are new since the cursor. When the row at the cursor is not the one remembered, the list
 * changed shape and every row of the page counts as new: reading too much costs a settle, missing one costs a
 * quantity until reconciliation. Without a cursor, every row read is new.
 */
export function freshRows<T extends { uid: string }>(
  cursor: MovementCursor | null,
  pageSize: number,
  page: ListPage<T>,
): readonly T[] {
  if (cursor === null) return page.items;
  const offset = (page.page - 1) * pageSize;
  const atCursor = page.items[cursor.seen - 1 - offset];
  if (atCursor !== undefined && cursor.lastUid !== null && atCursor.uid !== cursor.lastUid) return page.items;
  return page.items.slice(Math.max(cursor.seen - offset, 0));
}

/** Where the next read starts after this page was the last one read. */
export function cursorAfter<T extends { uid: string }>(
  cursor: MovementCursor | null,
  pageSize: number,
  page: ListPage<T>,
): MovementCursor {
  const last = page.items.at(-1);
  if (last === undefined) return cursor ?? { seen: 0, lastUid: null };
  return { seen: (page.page - 1) * pageSize + page.items.length, lastUid: last.uid };
}
