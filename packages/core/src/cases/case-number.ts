// Readable case numbers from a template: {year}, {seq} (as is) or {seqN} (zero-padded to N digits).
// e.g. '{year}-{seq6}' → 2026-000123; '邓市监提〔{year}〕{seq4}号' → 邓市监提〔2026〕0123号.
export const DEFAULT_CASE_NUMBER_FORMAT = '{year}-{seq6}';

export function formatCaseNumber(format: string, year: number, seq: number): string {
  return format
    .replace(/\{year\}/g, String(year))
    .replace(/\{seq(\d?)\}/g, (_m, width: string) => String(seq).padStart(Number(width || 0), '0'));
}
