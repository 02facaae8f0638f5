// Raw and multipart bodies for the fuzz test: invalid UTF-8, truncated JSON, wrong media types, broken
// multipart (no boundary, cut short, odd file names), independent of any route's schema.
import fc from 'fast-check';

export interface Planned {
  kind: string;
  contentType?: string;
  payload?: string | Buffer;
  query?: string;
}

export const BOUNDARY = 'fuzzboundary';
export function multipartBody(parts: { name: string; filename?: string; data: Buffer | string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n`));
    if (p.filename !== undefined) chunks.push(Buffer.from('Content-Type: application/octet-stream\r\n'));
    chunks.push(Buffer.from('\r\n'), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const fileNames = fc.oneof(
  fc.constantFrom(
    'a.pdf',
    '说明.pdf',
    '../../etc/passwd',
    '',
    'a\u0001b.pdf',
    'x\u007f.pdf',
    '\u0085.pdf',
    'é.pdf',
  ),
  fc.string({ maxLength: 30 }).map((s) => `${s}.pdf`),
);

/** Upload bodies: broken multipart, or well-formed multipart with odd files, names and fields. */
export const multipartArb: fc.Arbitrary<Planned> = fc.oneof(
  fc.constantFrom<Planned>(
    { kind: 'multipart without boundary', contentType: 'multipart/form-data', payload: 'x' },
    { kind: 'multipart empty boundary', contentType: 'multipart/form-data; boundary=', payload: '--\r\n' },
    {
      kind: 'multipart boundary too long',
      contentType: `multipart/form-data; boundary=${'b'.repeat(300)}`,
      payload: 'x',
    },
    { kind: 'multipart empty', contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: '' },
    {
      kind: 'multipart/mixed',
      contentType: `multipart/mixed; boundary=${BOUNDARY}`,
      payload: multipartBody([{ name: 'file', filename: 'a.pdf', data: PDF }]),
    },
  ),
  fc
    .tuple(fc.uint8Array({ maxLength: 400 }), fileNames, fc.constantFrom('file', 'other', 'effectiveFrom'))
    .chain(([bytes, filename, field]) =>
      fc.nat({ max: 600 }).map((cut) => {
        const whole = multipartBody([
          { name: 'effectiveFrom', data: '2026-12-01' },
          { name: field, filename, data: Buffer.concat([PDF, Buffer.from(bytes)]) },
        ]);
        return {
          kind: 'multipart truncated',
          contentType: `multipart/form-data; boundary=${BOUNDARY}`,
          payload: whole.subarray(0, Math.min(cut, whole.length - 1)),
        };
      }),
    ),
  fc
    .tuple(
      fc.uint8Array({ maxLength: 300 }),
      fileNames,
      fc.boolean(),
      fc.constantFrom('2026-12-01', '\u0000', 'x'),
    )
    .map(([bytes, filename, pdf, date]) => ({
      kind: 'multipart odd file',
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: multipartBody([
        { name: 'effectiveFrom', data: date },
        { name: 'file', filename, data: pdf ? Buffer.concat([PDF, Buffer.from(bytes)]) : Buffer.from(bytes) },
        { name: 'extra', data: 'a\u0000b' },
      ]),
    })),
);

/** Bodies that are wrong before any schema is applied. */
export const rawArb: fc.Arbitrary<Planned> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom([0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80]),
      fc.boolean(),
    )
    .map(([bytes, quoted]) => ({
      kind: 'invalid UTF-8',
      contentType: 'application/json',
      payload: Buffer.concat([
        Buffer.from(quoted ? '{"name":"' : '{"'),
        Buffer.from(bytes),
        Buffer.from('"}'),
      ]),
    })),
  fc.constantFrom<Planned>(
    { kind: 'empty JSON', contentType: 'application/json', payload: '' },
    { kind: 'JSON null', contentType: 'application/json', payload: 'null' },
    { kind: 'JSON array', contentType: 'application/json', payload: '[1,2]' },
    { kind: 'JSON string', contentType: 'application/json', payload: '"x"' },
    { kind: 'JSON number', contentType: 'application/json', payload: '1e999' },
    { kind: 'raw NUL in JSON', contentType: 'application/json', payload: '{"name":"a\u0000b"}' },
    { kind: 'proto key', contentType: 'application/json', payload: '{"constructor":{"prototype":{"x":1}}}' },
    { kind: 'text/plain', contentType: 'text/plain', payload: 'hello' },
    { kind: 'form', contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=%00' },
    { kind: 'xml', contentType: 'application/xml', payload: '<a/>' },
    { kind: 'no content type', payload: '{"a":1}' },
    {
      kind: 'weird content type',
      contentType: 'application/json; charset=latin1',
      payload: '{"a":"\u00e9"}',
    },
    { kind: 'vendor JSON', contentType: 'application/vnd.x+json', payload: '{"version":0}' },
  ),
  fc
    .string({ maxLength: 40 })
    .map((s) => ({ kind: 'truncated JSON', contentType: 'application/json', payload: `{"a":"${s}` })),
);

/** A path parameter: an id that exists, or something that is not one. */
