// Where the next page of a case list starts (keyset pagination): after the last case of this page, in the
// list's order. Lists run newest received first, by (receivedAt, id); search results newest registered
// first, by the case's search id. Opaque to clients: base64url of a small JSON object.
export type ListCursor =
  { kind: 'received'; receivedAt: string; id: string } | { kind: 'search'; searchId: number };

/** Counts stop here: a list of more shows "1,000+" rather than scan for the exact number. */
export const LIST_COUNT_CAP = 1000;

function toBase64Url(text: string): string {
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    return atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return null;
  }
}

export function encodeListCursor(cursor: ListCursor): string {
  return toBase64Url(
    JSON.stringify(cursor.kind === 'received' ? ['r', cursor.receivedAt, cursor.id] : ['s', cursor.searchId]),
  );
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/** The cursor, or null when the text is not one this server made. */
export function decodeListCursor(text: string): ListCursor | null {
  const json = fromBase64Url(text);
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const [kind, a, b] = value as unknown[];
  if (kind === 'r' && value.length === 3 && typeof a === 'string' && typeof b === 'string') {
    return ISO_TIME.test(a) && b.length >= 1 && b.length <= 64
      ? { kind: 'received', receivedAt: a, id: b }
      : null;
  }
  if (kind === 's' && value.length === 2 && Number.isSafeInteger(a) && (a as number) > 0) {
    return { kind: 'search', searchId: a as number };
  }
  return null;
}
