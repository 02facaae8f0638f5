// Reading a year's schedule from a simple CSV file (`date,kind,name`, kind 休/班 or holiday/workday), the
// way an administrator types up the State Council's notice. Every row is checked; problems are per row.
import { hasUnsafeCharacters, type ImportProblem, type ScheduleDay } from '@bancheng/core';

export interface ParsedScheduleFile {
  holidays: ScheduleDay[];
  workdays: ScheduleDay[];
  /** The file row of each entry, to point problems found later back at the row. */
  rowOf: { holidays: number[]; workdays: number[] };
  errors: { row: number; problems: ImportProblem[] }[];
}

const KINDS: Record<string, 'holidays' | 'workdays'> = {
  休: 'holidays',
  放假: 'holidays',
  holiday: 'holidays',
  班: 'workdays',
  上班: 'workdays',
  workday: 'workdays',
};
const HEADER_CELLS = new Set(['date', '日期']);
const MAX_NAME = 100;

/** Splits one CSV line; a quoted cell may hold commas and doubled quotes, as spreadsheets write them. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** 'YYYY-MM-DD', also 'YYYY/M/D' and 'YYYY-M-D' as spreadsheets save dates; null if not a real date. */
export function normalizeDate(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}

export function parseScheduleCsv(data: Uint8Array): ParsedScheduleFile {
  const result: ParsedScheduleFile = {
    holidays: [],
    workdays: [],
    rowOf: { holidays: [], workdays: [] },
    errors: [],
  };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    result.errors.push({ row: 0, problems: [{ code: 'notUtf8', params: {} }] });
    return result;
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let seenFirst = false;
  lines.forEach((line, index) => {
    const row = index + 1;
    if (line.trim() === '') return;
    const cells = splitCsvLine(line);
    const [dateText = '', kindText = '', name = '', ...rest] = cells;
    if (!seenFirst) {
      seenFirst = true;
      if (HEADER_CELLS.has(dateText.toLowerCase())) return;
    }
    const problems: ImportProblem[] = [];
    const problem = (code: ImportProblem['code'], params: ImportProblem['params'] = {}) =>
      problems.push({ code, params });
    const date = normalizeDate(dateText);
    if (!date) {
      if (dateText) problem('dateInvalid', { value: dateText });
      else problem('dateMissing');
    }
    const kind = KINDS[kindText.toLowerCase()];
    if (!kind) {
      if (kindText) problem('kindInvalid', { value: kindText });
      else problem('kindMissing');
    }
    if (!name) problem('nameMissing');
    else if (name.length > MAX_NAME) problem('nameTooLong', { max: MAX_NAME });
    else if (hasUnsafeCharacters(name)) problem('nameControl');
    if (rest.some((c) => c !== '')) problem('extraColumns');
    if (problems.length > 0 || !date || !kind) {
      result.errors.push({ row, problems });
      return;
    }
    result[kind].push({ date, name });
    result.rowOf[kind].push(row);
  });
  if (result.errors.length === 0 && result.holidays.length === 0) {
    result.errors.push({ row: 0, problems: [{ code: 'noHolidays', params: {} }] });
  }
  return result;
}
