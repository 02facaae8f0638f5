// Test bodies for file uploads.

/** A multipart/form-data body with one `file` part, its bytes exactly as given. */
export function multipartFile(content: string | Buffer): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = `----bancheng${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="schedule.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(head, 'utf8'),
      typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
      Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
