// Reading an upload: a multipart body that does not parse (no boundary, cut short) is the client's
// mistake, answered 400 MALFORMED_MULTIPART, not a 500.
import { AppError } from '@bancheng/core';

/**
 * Busboy reports a body it cannot parse with a plain `Error` and no code; these are its messages.
 * Anything else (a disk error, a bug, an AppError, Fastify's coded limit errors) passes through.
 */
const BUSBOY_MESSAGES = [
  /^Multipart: Boundary not found$/,
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
  /^Unsupported Content-Type\.$/,
  /^The needle cannot (be an empty String\/Buffer|have a length bigger than \d+)\.$/,
];

export function isMalformedMultipart(error: unknown): boolean {
  return (
    error instanceof Error &&
    Object.getPrototypeOf(error) === Error.prototype &&
    !('code' in error) &&
    BUSBOY_MESSAGES.some((m) => m.test(error.message))
  );
}

/** Runs whatever reads the request's parts, turning a malformed body into MALFORMED_MULTIPART. */
export async function readingMultipart<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isMalformedMultipart(error)) throw new AppError('MALFORMED_MULTIPART');
    throw error;
  }
}
