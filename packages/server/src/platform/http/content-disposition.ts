// The one Content-Disposition header for every download (RFC 6266): a plain ASCII `filename` for old
// clients and the exact name in UTF-8 as `filename*` (RFC 8187). A header value may carry only visible
// ASCII, so a raw Chinese name (a case number such as 邓市监提〔2026〕0001号) must never go in as it is.

/** RFC 8187 attr-char: letters, digits and !#$&+-.^_`|~; everything else is percent-encoded. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Visible ASCII only, without the quote, backslash and percent sign: each other character becomes `_`. */
function asciiFallback(value: string): string {
  return value.replace(/[^\x20-\x7e]|["\\%]/gu, '_') || 'download';
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<name>`. The ASCII fallback is made from `ascii`
 * when given (an English name such as `approval-form-<number>.docx`), else from the name itself.
 */
export function contentDisposition(fileName: string, ascii: string = fileName): string {
  return `attachment; filename="${asciiFallback(ascii)}"; filename*=UTF-8''${encodeRfc8187(fileName)}`;
}
