// Latencies in an HDR-like histogram: microseconds in log-linear buckets (128 per power of two, so
// a recorded value is off by less than 1%), small enough to send between processes and to merge.
const SUB_BITS = 7;
const SUB = 1 << SUB_BITS;
/** Enough buckets for 2^31 µs (35 minutes). */
const BUCKETS = (31 - SUB_BITS + 2) * SUB;

export type Histogram = number[];

export function newHistogram(): Histogram {
  return new Array<number>(BUCKETS).fill(0);
}

function bucketOf(us: number): number {
  const v = Math.max(0, Math.min(2 ** 31 - 1, Math.round(us)));
  if (v < SUB) return v;
  const magnitude = 31 - Math.clz32(v);
  return (magnitude - SUB_BITS + 1) * SUB + ((v >> (magnitude - SUB_BITS)) - SUB);
}

/** The middle of a bucket, in microseconds. */
function valueOf(bucket: number): number {
  if (bucket < SUB) return bucket;
  const magnitude = Math.floor(bucket / SUB) + SUB_BITS - 1;
  const width = 2 ** (magnitude - SUB_BITS);
  return ((bucket % SUB) + SUB) * width + width / 2;
}

export function record(histogram: Histogram, ms: number): void {
  const bucket = bucketOf(ms * 1000);
  histogram[bucket] = (histogram[bucket] ?? 0) + 1;
}

export function merge(into: Histogram, other: Histogram): void {
  other.forEach((n, i) => (into[i] = (into[i] ?? 0) + n));
}

export function countOf(histogram: Histogram): number {
  return histogram.reduce((a, b) => a + b, 0);
}

/** The latency (ms) below which the fraction `q` of the recorded values lie. */
export function quantile(histogram: Histogram, q: number): number {
  const total = countOf(histogram);
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil(total * q));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] ?? 0;
    if (seen >= rank) return valueOf(i) / 1000;
  }
  return 0;
}

/** Only the buckets in use, for the raw results file. */
export function compact(histogram: Histogram): Record<string, number> {
  const out: Record<string, number> = {};
  histogram.forEach((n, i) => {
    if (n > 0) out[(valueOf(i) / 1000).toFixed(3)] = n;
  });
  return out;
}
