// The responsibility chain roster as an XLSX in the layout of the work plan's Attachment 3:
// a row per department with 单位（科室）, 首问负责人, 单位（科室）负责人, 分管领导, 主要领导.
import ExcelJS from 'exceljs';
import type { ImportProblem, PersonRef, Roster } from '@bancheng/core';

export const ROSTER_HEADERS = [
  '单位（科室）',
  '首问负责人',
  '单位（科室）负责人',
  '分管领导',
  '主要领导',
] as const;
export const DEPARTMENT_SEPARATOR = '/';
const NAME_SEPARATORS = /[、，,;；\n]+/;

export function personLabel(p: PersonRef): string {
  return `${p.displayName}（${p.username}）`;
}

export async function buildRosterWorkbook(roster: Roster, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bancheng';
  const ws = wb.addWorksheet('四级责任链条', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true },
  });
  ws.columns = [{ width: 34 }, { width: 40 }, { width: 22 }, { width: 22 }, { width: 22 }];
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = `名单日期：${roster.date}`;
  const header = ws.getRow(3);
  ROSTER_HEADERS.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  for (const chain of roster.chains) {
    const row = ws.addRow([
      `${chain.unitName}${DEPARTMENT_SEPARATOR}${chain.departmentName}`,
      chain.firstResponders.map(personLabel).join('、'),
      chain.deptHead ? personLabel(chain.deptHead) : '',
      chain.leaderInCharge ? personLabel(chain.leaderInCharge) : '',
      chain.principalLeader ? personLabel(chain.principalLeader) : '',
    ]);
    row.alignment = { vertical: 'middle', wrapText: true };
  }
  for (let r = 3; r <= ws.rowCount; r++) {
    for (let c = 1; c <= 5; c++) {
      ws.getRow(r).getCell(c).border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface RosterFileRow {
  row: number;
  department: string;
  firstResponders: string[];
  deptHead: string;
  leaderInCharge: string;
  principalLeader: string;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return String(value.result ?? '').trim();
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value).trim();
}

function normaliseHeader(s: string): string {
  return s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '');
}

/** A row's problems, as codes (core import-problems.ts). */
export interface RosterProblemRow {
  row: number;
  problems: ImportProblem[];
}

/** Reads the rows; throws a list of row problems when the file is not a roster at all. */
export async function parseRosterWorkbook(
  data: Buffer,
): Promise<{ rows: RosterFileRow[]; problems: RosterProblemRow[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { rows: [], problems: [{ row: 0, problems: [{ code: 'notXlsx', params: {} }] }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [], problems: [{ row: 0, problems: [{ code: 'noSheet', params: {} }] }] };
  let headerRow = 0;
  for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
    if (normaliseHeader(cellText(ws.getRow(r).getCell(1).value)) === ROSTER_HEADERS[0]) {
      headerRow = r;
      break;
    }
  }
  if (headerRow === 0) {
    return {
      rows: [],
      problems: [{ row: 0, problems: [{ code: 'headerMissing', params: { header: ROSTER_HEADERS[0] } }] }],
    };
  }
  const headers = [1, 2, 3, 4, 5].map((c) =>
    normaliseHeader(cellText(ws.getRow(headerRow).getCell(c).value)),
  );
  const problems: RosterProblemRow[] = [];
  headers.forEach((h, i) => {
    if (h !== ROSTER_HEADERS[i]) {
      problems.push({
        row: headerRow,
        problems: [
          { code: 'columnHeader', params: { column: i + 1, expected: ROSTER_HEADERS[i] ?? '', found: h } },
        ],
      });
    }
  });
  if (problems.length > 0) return { rows: [], problems };
  const rows: RosterFileRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = [1, 2, 3, 4, 5].map((c) => cellText(ws.getRow(r).getCell(c).value));
    if (cells.every((c) => c === '')) continue;
    rows.push({
      row: r,
      department: cells[0] ?? '',
      firstResponders: (cells[1] ?? '')
        .split(NAME_SEPARATORS)
        .map((s) => s.trim())
        .filter(Boolean),
      deptHead: cells[2] ?? '',
      leaderInCharge: cells[3] ?? '',
      principalLeader: cells[4] ?? '',
    });
  }
  return { rows, problems };
}
