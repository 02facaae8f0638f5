// Regenerates packages/server/src/modules/calendar/cn-schedule.json, the State Council working-day schedules the
// server ships, from the `chinese-days` package (a devDependency). After upgrading it:
//   npx node scripts/import-holiday-data.ts
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

interface ScheduleDay {
  date: string;
  name: string;
}

const require = createRequire(import.meta.url);
const packageJsonPath = require.resolve('chinese-days/package.json');
const packageDir = path.dirname(packageJsonPath);
const version = (JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as { version: string }).version;
// The package's published data file: { holidays, workdays, inLieuDays }, each date → "English,中文,days".
const data = JSON.parse(fs.readFileSync(path.join(packageDir, 'dist/chinese-days.json'), 'utf8')) as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** "Spring Festival,春节,4" → "春节"; the Chinese name is what the interface shows. */
function chineseName(value: string): string {
  const parts = value.split(',');
  const name = parts.length >= 3 ? parts.slice(1, -1).join(',') : (parts[1] ?? parts[0] ?? '');
  if (!name) throw new Error(`unexpected entry "${value}"`);
  return name;
}

const years: Record<string, { holidays: ScheduleDay[]; workdays: ScheduleDay[] }> = {};
function add(kind: 'holidays' | 'workdays', entries: Record<string, string>): void {
  for (const [date, value] of Object.entries(entries)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`unexpected date "${date}"`);
    // A date belongs to its own year, even when an earlier notice set it (e.g. 2006-12-30 worked for 2007's New Year).
    const year = (years[date.slice(0, 4)] ??= { holidays: [], workdays: [] });
    year[kind].push({ date, name: chineseName(value) });
  }
}
add('holidays', data.holidays);
add('workdays', data.workdays);

const sorted = Object.keys(years).sort();
for (const y of sorted) {
  const year = years[y];
  if (!year) continue;
  year.holidays.sort((a, b) => a.date.localeCompare(b.date));
  year.workdays.sort((a, b) => a.date.localeCompare(b.date));
  const both = year.holidays.filter((h) => year.workdays.some((w) => w.date === h.date));
  if (both.length > 0)
    throw new Error(`${y}: ${both.map((d) => d.date).join(', ')} both holiday and workday`);
}
// A year is shipped only when its whole notice is there (it has a Spring Festival and a National Day):
// a year with only a stray date from the previous year's notice is left out, and a gap is an error.
const complete = sorted.filter((y) => {
  const names = new Set(years[y]?.holidays.map((d) => d.name));
  return names.has('春节') && names.has('国庆节');
});
const first = Number(complete[0]);
const last = Number(complete.at(-1));
const shipped: typeof years = {};
for (let y = first; y <= last; y++) {
  const year = years[String(y)];
  if (!year || !complete.includes(String(y))) throw new Error(`${y} is missing or incomplete`);
  shipped[String(y)] = year;
}

const output = {
  source:
    '国务院办公厅关于部分节假日安排的通知 (State Council General Office holiday notices), as compiled by ' +
    'the chinese-days project, https://github.com/vsme/chinese-days',
  licence: 'MIT License, Copyright (c) 2024 Yawei sun (chinese-days)',
  generatedFrom: `chinese-days@${version}`,
  years: shipped,
};
const target = path.resolve(import.meta.dirname, '../packages/server/src/modules/calendar/cn-schedule.json');
fs.writeFileSync(target, `${JSON.stringify(output, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}: ${first}–${last} from chinese-days@${version}`);
