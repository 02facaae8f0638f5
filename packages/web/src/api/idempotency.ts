// Idempotency keys for form submissions (decision 0014): one key per opened form, sent as the
// `Idempotency-Key` header, kept while the same contents are sent again (a double click, a retry after a
// lost answer), so the server performs the request once and answers a repeat with the first answer.

/** 32 random hex digits. `crypto.getRandomValues` works on plain HTTP too (randomUUID needs HTTPS). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The keys of one form: `keyFor(body)` gives the same key for the same contents until `reset()` (call it
 * when the form opens and after a success); other contents get a new key, since they are another request.
 */
export function createFormKeys(generate: () => string = newIdempotencyKey) {
  let current: { key: string; contents: string } | null = null;
  return {
    keyFor(body: unknown): string {
      const contents = JSON.stringify(body);
      if (current?.contents !== contents) current = { key: generate(), contents };
      return current.key;
    },
    reset(): void {
      current = null;
    },
  };
}
export type FormKeys = ReturnType<typeof createFormKeys>;
