// The ledger's documents: the XLSX of the ledger in its layout (序号, 受理时间, 来源, 反映人 (masked), 反映事项,
// 涉及单位（科室）, 初步研判, 督办情况, 办理结果, 反馈情况, 备注) and one report's full record as DOCX. The
// reporter appears masked in both; every text is written as a text value (a cell's string, a run's text),
// never as a formula or markup.
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type {
  ReportDetail,
  ReportSource,
  ReportState,
  Subject,
  reportExportQuerySchema,
} from '@bancheng/core';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { getReportDetail, ledgerRowsForExport } from './report-reading.ts';

const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' } as const;

export const SOURCE_LABELS: Record<ReportSource, string> = {
  site: '网上反映',
  phone: '来电',
  letter: '来信',
  visit: '来访',
  rating: '不满意评价',
  feedback: '不认可反馈',
};

export const STATE_LABELS: Record<ReportState, string> = {
  received: '待研判',
  inLedger: '办理中',
  supervising: '督办中',
  referred: '已移送纪检',
  closed: '已办结',
};

function chinaDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** A spreadsheet cell never starts with =, +, - or @ as its first character (no formula injection). */
export function cellText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function triageText(r: ReportDetail): string {
  if (r.triage === 'inScope') return '属实范围内，列入台账';
  if (r.triage === 'outOfScope') return '不属于受理范围，答疑解惑';
  return '待研判';
}

function ordersText(r: ReportDetail): string {
  return r.orders
    .map((o) => {
      const state =
        o.state === 'accepted'
          ? '已核实办结'
          : o.state === 'answered'
            ? '已反馈待核实'
            : o.overdue
              ? '逾期未反馈'
              : '办理中';
      return `${o.departmentName}：${o.instructions}（限${o.dueWorkdays}个工作日，${o.dueDate}前；${state}）`;
    })
    .join('\n');
}

function resultText(r: ReportDetail): string {
  const answers = r.orders.flatMap((o) => o.answers.map((a) => `${o.departmentName}：${a.text}`));
  const finding = r.referral?.finding
    ? `纪检核查：${r.referral.finding.substantiated ? '属实' : '不属实'}。${r.referral.finding.notes}`
    : r.referral
      ? '已移送纪检，待核查结论'
      : '';
  return [...answers, finding].filter(Boolean).join('\n');
}

function feedbackText(r: ReportDetail): string {
  if (r.reply) return `${chinaDateTime(r.reply.repliedAt)} 已答复：${r.reply.text}`;
  if (r.publicAnswer) return `${chinaDateTime(r.publicAnswer.answeredAt)} 已答疑：${r.publicAnswer.text}`;
  return '未答复';
}

function where(r: ReportDetail): string {
  return [r.unitName, r.departmentName, r.counter].filter(Boolean).join(' / ');
}

export async function ledgerXlsx(
  ctx: AppContext,
  subject: Subject,
  query: z.output<typeof reportExportQuerySchema>,
): Promise<Buffer> {
  const rows = await ledgerRowsForExport(ctx, subject, { ...query, pageSize: 100 });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('督查台账');
  ws.columns = [
    { header: '序号', width: 6 },
    { header: '受理时间', width: 17 },
    { header: '来源', width: 11 },
    { header: '反映人', width: 10 },
    { header: '反映事项', width: 40 },
    { header: '涉及单位（科室）', width: 22 },
    { header: '初步研判', width: 18 },
    { header: '督办情况', width: 36 },
    { header: '办理结果', width: 36 },
    { header: '反馈情况', width: 30 },
    { header: '备注', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      chinaDateTime(r.receivedAt),
      SOURCE_LABELS[r.source],
      r.reporter.maskedName,
      cellText(r.what),
      cellText(where(r)),
      triageText(r),
      cellText(ordersText(r)),
      cellText(resultText(r)),
      cellText(feedbackText(r)),
      `${r.number}；${STATE_LABELS[r.state]}`,
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function text(value: string, bold = false) {
  // Each line its own run with a break: a line feed stays a line, markup stays text.
  const lines = value.split('\n');
  return lines.map(
    (l, i) => new TextRun({ text: l, font: SONG, size: 24, bold, ...(i > 0 && { break: 1 }) }),
  );
}

function row(label: string, value: string) {
  return new TableRow({
    children: [
      new TableCell({
        width: { size: 2200, type: WidthType.DXA },
        children: [new Paragraph({ children: text(label, true) })],
      }),
      new TableCell({
        width: { size: 7000, type: WidthType.DXA },
        children: [new Paragraph({ children: text(value || '—') })],
      }),
    ],
  });
}

export async function reportDocx(
  ctx: AppContext,
  subject: Subject,
  id: string,
): Promise<{ file: Buffer; number: string }> {
  const r = await getReportDetail(ctx, subject, id);
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            children: [
              new TextRun({ text: `“办不成事”反映记录（${r.number}）`, font: SONG, size: 32, bold: true }),
            ],
          }),
          new Table({
            rows: [
              row('受理时间', chinaDateTime(r.receivedAt)),
              row('来源', SOURCE_LABELS[r.source]),
              row('反映人', r.reporter.maskedName),
              row('涉及单位（科室）', where(r)),
              row('发生日期', r.happenedOn ?? ''),
              row('反映事项', r.what),
              row('附件', r.attachments.map((a) => a.fileName).join('\n')),
              row(
                '关联事项',
                r.linkedCases.map((c) => `${c.number} ${c.matterTitle}（${c.departmentName}）`).join('\n'),
              ),
              row('初步研判', triageText(r)),
              row('督办情况', ordersText(r)),
              row(
                '督办核实',
                r.orders
                  .flatMap((o) =>
                    o.verifications.map(
                      (v) =>
                        `${o.departmentName}：${v.accepted ? '核实通过' : `退回（${v.reason ?? ''}）`} ${chinaDateTime(v.verifiedAt)}`,
                    ),
                  )
                  .join('\n'),
              ),
              row('办理结果', resultText(r)),
              row('移送纪检', r.referral ? `${chinaDateTime(r.referral.referredAt)} ${r.referral.note}` : ''),
              row('问责情况', r.referral?.finding?.accountability ?? ''),
              row('反馈情况', feedbackText(r)),
              row('状态', STATE_LABELS[r.state]),
            ],
          }),
        ],
      },
    ],
  });
  return { file: await Packer.toBuffer(doc), number: r.number };
}
