// Where a server's time went.
// - A V8 .cpuprofile (from `npm run bench -- --cpu-prof DIR`): self time by owner (idle, garbage
//   collection, Node's own code, each npm package, our code) and the functions with the most self time.
// - A query-times file (from `npm run bench -- --query-times FILE`, a .json): the statements the server
//   waited on longest, with their count and mean.
//
//   npm run bench:profile -- DIR/CPU.….cpuprofile [--top N] [--owners N]
//   npm run bench:profile -- FILE.json [--top N]
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Who owns a frame: the package it comes from, or a kind of time V8 reports on its own. */
export function ownerOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8 and native (program)';
  // The adapter's synchronous calls into node:sqlite show as its own self time: that is SQLite working
  // (and waiting for fsync on commit), not JavaScript.
  if (url.endsWith('/platform/db/node-sqlite-dialect.ts'))
    return 'SQLite (node:sqlite calls, commits included)';
  if (url.startsWith('node:')) return `Node: ${url.slice(5).split('/')[0]}`;
  if (url === '') return 'native (no script)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return `npm: ${packageMatch[1]}`;
  const ours = /packages\/([^/]+)\/src\/([^/]+)/.exec(url);
  if (ours) return `ours: ${ours[1]}/${ours[2]}`;
  return url;
}

export function summarize(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfByNode.values()].reduce((a, b) => a + b, 0);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, micros] of selfByNode) {
    const frame = byId.get(id)!.callFrame;
    const owner = ownerOf(frame);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + micros);
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '')}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalMs: total / 1000, owners: sorted(byOwner), functions: sorted(byFunction) };
}

interface QueryTime {
  sql: string;
  count: number;
  totalMs: number;
  errors: number;
}

function printQueryTimes(entries: QueryTime[], top: number) {
  const total = entries.reduce((a, e) => a + e.totalMs, 0);
  console.log(`${entries.length} statements, ${(total / 1000).toFixed(1)} s in all\n`);
  console.log(`| statement (top ${top}) | count | total ms | share | mean ms |\n|---|---:|---:|---:|---:|`);
  for (const e of entries.slice(0, top)) {
    const text = e.sql.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 160);
    const share = `${((e.totalMs / total) * 100).toFixed(1)}%`;
    console.log(
      `| ${text} | ${e.count} | ${e.totalMs.toFixed(0)} | ${share} | ${(e.totalMs / e.count).toFixed(3)} |`,
    );
  }
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, owners: { type: 'string', default: '20' } },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run bench:profile -- FILE.cpuprofile|FILE.json [--top N]');
  if (file.endsWith('.json')) {
    printQueryTimes(JSON.parse(fs.readFileSync(file, 'utf8')) as QueryTime[], Number(values.top));
    return;
  }
  const { totalMs, owners, functions } = summarize(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile);
  const share = (micros: number) => `${((micros / 1000 / totalMs) * 100).toFixed(1)}%`;
  const busy = owners.filter(([o]) => o !== 'idle').reduce((a, [, m]) => a + m, 0);
  console.log(`profile: ${(totalMs / 1000).toFixed(1)} s sampled, ${share(busy)} busy\n`);
  console.log('| owner | self time | of busy |\n|---|---:|---:|');
  const shown = owners.slice(0, Number(values.owners));
  const rest = owners.slice(shown.length).reduce((a, [, m]) => a + m, 0);
  if (rest > 0) shown.push([`${owners.length - shown.length} others`, rest]);
  for (const [owner, micros] of shown) {
    const ofBusy = owner === 'idle' ? '' : `${((micros / busy) * 100).toFixed(1)}%`;
    console.log(`| ${owner} | ${share(micros)} | ${ofBusy} |`);
  }
  console.log(`\n| function (top ${values.top}) | self time |\n|---|---:|`);
  for (const [fn, micros] of functions.slice(0, Number(values.top)))
    console.log(`| ${fn} | ${share(micros)} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
