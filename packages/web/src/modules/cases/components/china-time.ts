// Times on the printed documents (the approval form, the one-time notice) in China time (UTC+8, no daylight
// saving), whatever the browser's time zone: paper says what the bureau's clock said.
const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hh: string;
  mm: string;
}

export function chinaParts(iso: string): ChinaParts | null {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (plain)
    return { year: Number(plain[1]), month: Number(plain[2]), day: Number(plain[3]), hh: '00', mm: '00' };
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const d = new Date(t + CHINA_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hh: String(d.getUTCHours()).padStart(2, '0'),
    mm: String(d.getUTCMinutes()).padStart(2, '0'),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-20 09:30 in China. */
export function chinaDateTime(iso: string): string {
  const p = chinaParts(iso);
  return p ? `${String(p.year)}-${pad(p.month)}-${pad(p.day)} ${p.hh}:${p.mm}` : iso;
}

/** 2026-11-20 in China. */
export function chinaDate(iso: string): string {
  const p = chinaParts(iso);
  return p ? `${String(p.year)}-${pad(p.month)}-${pad(p.day)}` : iso;
}
