// The receipt (回执) handed to the applicant at registration, as a DOCX: the case's number, when and how it
// came in, the matter, the handling department, the tracking code when staff have it in hand, and how to
// follow the matter, rate the answer and ask for it to be handled again.
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { REOPEN_WORKING_DAYS } from '@bancheng/core';

const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' } as const;
const CHANNELS: Record<string, string> = {
  visit: '来访',
  phone: '来电',
  letter: '来信',
  online: '网上',
  counter: '窗口',
};

export interface ReceiptFacts {
  bureauName: string;
  number: string;
  receivedAt: string;
  channel: string;
  applicantName: string;
  matterTitle: string;
  departmentName: string;
  /** Formatted (ABCD-EFGH-…); null when the code is not at hand (it is kept only as a hash). */
  trackingCode: string | null;
}

/** China's date and time of an ISO instant, as the receipt prints it. */
function chinaDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

function cell(text: string, options: { bold?: boolean; width: number }) {
  return new TableCell({
    width: { size: options.width, type: WidthType.DXA },
    children: [
      new Paragraph({ children: [new TextRun({ text, font: SONG, size: 24, bold: options.bold ?? false })] }),
    ],
  });
}

function line(text: string, options: { size?: number; bold?: boolean } = {}) {
  return new Paragraph({
    spacing: { before: 120, after: 120 },
    children: [new TextRun({ text, font: SONG, size: options.size ?? 24, bold: options.bold ?? false })],
  });
}

export async function buildReceiptDocx(f: ReceiptFacts): Promise<Buffer> {
  const rows: [string, string][] = [
    ['事项编号', f.number],
    ['受理时间', chinaDateTime(f.receivedAt)],
    ['受理方式', CHANNELS[f.channel] ?? f.channel],
    ['申请人', f.applicantName],
    ['申请事项', f.matterTitle],
    ['首问负责科室', f.departmentName],
    ['查询码', f.trackingCode ?? '（登记时已交付；遗失的，可请首问负责人重新签发，原查询码随即失效）'],
  ];
  const doc = new Document({
    creator: 'bancheng 办成',
    title: `受理回执 ${f.number}`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1440, right: 1440, bottom: 1440, left: 1440 },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            children: [new TextRun({ text: `${f.bureauName} 受理回执`, font: SONG, size: 36, bold: true })],
          }),
          new Table({
            width: { size: 9026, type: WidthType.DXA },
            rows: rows.map(
              ([label, value]) =>
                new TableRow({
                  children: [cell(label, { bold: true, width: 2200 }), cell(value, { width: 6826 })],
                }),
            ),
          }),
          line(
            '您的诉求已受理。首问负责人将按照“不说不能办，只说如何办”的原则办理；确实不能办理的，将在规定时限内答复原因及可行的办理建议。',
          ),
          line('办理进度：请在本局网站的“办理进度查询”页面输入上面的查询码，可查看办理进度、时限和答复。'),
          line(
            `答复后，您可以在同一页面对办理结果进行满意度评价；对答复不满意的，可在答复后${REOPEN_WORKING_DAYS}个工作日内申请重新办理。`,
          ),
          line('请妥善保管查询码，勿告知他人。'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
