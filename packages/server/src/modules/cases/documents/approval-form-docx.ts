// 附件4 说“不”事项提级管理审批表 as a DOCX, filled from the case: the same rows and merged cells the
// work plan prints, each level's opinion with its signer and date, the 说“行”建议 and the feedback.
// The table is the current round; every earlier round (a way that failed, a withdrawn proposal) follows it
// with its own opinions, so nothing decided on the case is lost from paper.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { yearOf, type CaseDetail, type RefusalReason } from '@bancheng/core';
import { maskPhone } from '../../../platform/personal-data.ts';

export interface ApprovalFormOptions {
  bureauName: string;
  /** The applicant's full number, for a caller who has revealed it; otherwise the form shows it masked. */
  fullPhone?: string;
}

type Channel = CaseDetail['channel'];
type MatterType = CaseDetail['matterType'];
type Decision = CaseDetail['decisions'][number];
type Round = CaseDetail['rounds'][number];

// Chinese labels as the web app shows them (packages/web/src/i18n/zh.ts), so paper and screen agree.
export const CHANNEL_LABELS: Record<Channel, string> = {
  visit: '来访',
  phone: '来电',
  letter: '来信',
  online: '网上',
  counter: '窗口',
};
export const REFUSAL_REASON_LABELS: Record<RefusalReason, string> = {
  outOfScope: '超出职责范围',
  uncertain: '把握不准',
  notPermitted: '法律政策不允许',
  conditionsLacking: '客观条件不具备',
  other: '其他',
};
const MATTER_TYPE_LABELS: Record<MatterType, string> = {
  licensing: '行政许可事项',
  service: '政务服务事项',
  assigned: '党委政府领导交办事项',
  petition: '来信来访事项',
  complaint: '投诉事项',
  enquiry: '业务咨询事项',
  blockage: '堵点',
  breakpoint: '断点',
};
const DECISION_LABELS: Record<Decision['decision'], string> = {
  resolvable: '能办',
  escalate: '提请上级',
  refuse: '确实不能办',
};

/** The Song face Chinese government forms are printed in; Latin text in Times New Roman beside it. */
export const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' } as const;
/** Font sizes in half-points: 小二号 18pt, 小四号 12pt. */
export const SIZE = { xiaoEr: 36, xiaoSi: 24 } as const;

/** A4 portrait with 2.5 cm margins; widths below are in twips (1/20 pt). */
const MARGIN = convertMillimetersToTwip(25);
export const A4_PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN },
} as const;
const CONTENT_WIDTH = A4_PAGE.size.width - 2 * MARGIN;

// Five grid columns, as the printed form: a label, a sub-label, a value, the 首问负责人 label, its value.
const COLUMN_WIDTHS = [1724, 1179, 2583, 1500, 0].map((w, i, all) =>
  i === all.length - 1 ? CONTENT_WIDTH - all.reduce((s, x) => s + x, 0) : w,
);

/** The ideographic space a Chinese form puts between a name and a date. */
const GAP = '\u3000';
const CHINA_OFFSET_MS = 8 * 3_600_000;

function chinaParts(iso: string): { y: number; m: number; d: number; hh: string; mm: string } | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const d = new Date(t + CHINA_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    hh: String(d.getUTCHours()).padStart(2, '0'),
    mm: String(d.getUTCMinutes()).padStart(2, '0'),
  };
}

/** "2026年11月20日" in China Standard Time; a plain YYYY-MM-DD date is taken as it is. */
export function chineseDate(value: string): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${Number(plain[1])}年${Number(plain[2])}月${Number(plain[3])}日`;
  const p = chinaParts(value);
  return p ? `${p.y}年${p.m}月${p.d}日` : value;
}

export function chineseDateTime(iso: string): string {
  const p = chinaParts(iso);
  return p ? `${p.y}年${p.m}月${p.d}日 ${p.hh}:${p.mm}` : iso;
}

export function decisionAt(detail: CaseDetail, level: 2 | 3 | 4): Decision | undefined {
  return detail.decisions.find((d) => d.level === level);
}

/** One paragraph per line of the text, so line breaks typed into the system survive on paper. */
export function textParagraphs(
  text: string,
  run: { size: number; bold?: boolean } = { size: SIZE.xiaoSi },
  paragraph: { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean } = {},
): Paragraph[] {
  return text.split(/\r?\n/).map(
    (line) =>
      new Paragraph({
        alignment: paragraph.alignment,
        ...(paragraph.indent && { indent: { firstLine: run.size * 20 } }),
        children: [new TextRun({ text: line, font: SONG, ...run })],
      }),
  );
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
} as const;

function spanWidth(column: number, span: number): number {
  return COLUMN_WIDTHS.slice(column, column + span).reduce((s, w) => s + w, 0);
}

interface CellSpec {
  column: number;
  span?: number;
  rowSpan?: number;
}

function labelCell(label: string, at: CellSpec): TableCell {
  const span = at.span ?? 1;
  return new TableCell({
    columnSpan: span > 1 ? span : undefined,
    rowSpan: at.rowSpan,
    width: { size: spanWidth(at.column, span), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: textParagraphs(label, { size: SIZE.xiaoSi }, { alignment: AlignmentType.CENTER }),
  });
}

/** A value cell; with a signature line, the text sits at the top and the signer at the bottom right. */
function valueCell(text: string, at: CellSpec, signature?: string): TableCell {
  const span = at.span ?? 1;
  const children = textParagraphs(text);
  if (signature) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: 120 },
        children: [new TextRun({ text: signature, font: SONG, size: SIZE.xiaoSi })],
      }),
    );
  }
  return new TableCell({
    columnSpan: span > 1 ? span : undefined,
    width: { size: spanWidth(at.column, span), type: WidthType.DXA },
    verticalAlign: signature === undefined ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    children,
  });
}

function row(cells: TableCell[], minHeight: number): TableRow {
  return new TableRow({
    children: cells,
    cantSplit: true,
    height: { value: minHeight, rule: HeightRule.ATLEAST },
  });
}

/** A label across the first two columns and its value across the other three: most of the form. */
function wideRow(label: string, text: string, minHeight: number, signature?: string): TableRow {
  return row(
    [labelCell(label, { column: 0, span: 2 }), valueCell(text, { column: 2, span: 3 }, signature)],
    minHeight,
  );
}

function signerOf(d: Decision): string {
  const acting = d.actingFor ? `（代${d.actingFor.displayName}）` : '';
  return `审批人：${d.person.displayName}${acting}${GAP}${chineseDate(d.decidedAt)}`;
}

function opinionText(detail: CaseDetail, d: Decision | undefined): string {
  if (!d) return '';
  const lines = [`【${DECISION_LABELS[d.decision]}】${d.byProposer ? '（本人提议）' : ''}${d.opinion}`];
  if (d.level === 4 && d.decision === 'refuse' && detail.workableSuggestion) {
    lines.push(`说“行”建议：${detail.workableSuggestion}`);
  }
  return lines.join('\n');
}

function opinionRow(detail: CaseDetail, level: 2 | 3 | 4, label: string): TableRow {
  const d = decisionAt(detail, level);
  return wideRow(label, opinionText(detail, d), 1500, d ? signerOf(d) : '');
}

const LEVEL_LABELS = { 2: '科室负责人审批意见', 3: '分管领导审批意见', 4: '主要领导审批意见' } as const;
const ROUND_KIND_LABELS: Record<Round['kind'], string> = {
  proposal: '首问负责人提出说“不”',
  reopened: '能办未办成，首问负责人重新提请',
  followUpFailed: '跟踪问效未落实，退回原审批层级',
};

/** The round that the table shows: the last one, unless its proposal was withdrawn. */
function liveRound(detail: CaseDetail): Round | undefined {
  const last = detail.rounds.at(-1);
  return last && last.withdrawnAt === null && detail.proposer ? last : undefined;
}

function reasonOf(round: Pick<Round, 'refusalReason' | 'refusalReasonText'>): string {
  return (
    (round.refusalReason ? `【${REFUSAL_REASON_LABELS[round.refusalReason]}】` : '') +
    (round.refusalReasonText ?? '')
  );
}

/** An earlier round: a heading and a table of its reason, what was tried, and each level's opinion. */
function earlierRound(detail: CaseDetail, round: Round): (Paragraph | Table)[] {
  const withdrawn = round.withdrawnAt ? `；${chineseDate(round.withdrawnAt)}撤回` : '';
  const heading = new Paragraph({
    spacing: { before: 360, after: 120 },
    children: [
      new TextRun({
        text: `第${round.round}轮审批（${ROUND_KIND_LABELS[round.kind]}，${round.openedBy.displayName}${GAP}${chineseDate(round.openedAt)}${withdrawn}）`,
        bold: true,
        font: SONG,
        size: SIZE.xiaoSi,
      }),
    ],
  });
  const rows = [wideRow('说“不”理由', reasonOf(round), 700)];
  if (round.tried) rows.push(wideRow('已尝试的办法及结果', round.tried, 700));
  for (const d of round.decisions) {
    rows.push(wideRow(LEVEL_LABELS[d.level as 2 | 3 | 4], opinionText(detail, d), 900, signerOf(d)));
  }
  const table = new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_WIDTHS,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: { left: 100, right: 100, top: 60, bottom: 60 },
    rows,
  });
  return [heading, table];
}

function remarksOf(detail: CaseDetail): string {
  const lines = [`事项编号：${detail.number}`];
  if (detail.coDepartments.length > 0) {
    lines.push(`协作配合事项：${detail.coDepartments.map((d) => d.departmentName).join('、')}`);
  }
  if (detail.dueDate && detail.dueProvisional && detail.state !== 'closed') {
    lines.push(
      `截止日期：${detail.dueDate}（截止日期按周末推算，${String(yearOf(detail.dueDate))}年节假日安排尚未载入）`,
    );
  }
  const reply = detail.facts.replies.at(-1);
  if (reply) {
    const phone = reply.channel === 'phone';
    const answeredBy = phone && reply.answeredBy ? `（接听人：${reply.answeredBy}）` : '';
    lines.push(`答复：${phone ? '电话答复' : '书面答复'}${answeredBy}，${chineseDateTime(reply.repliedAt)}`);
  }
  return lines.join('\n');
}

function feedbackOf(detail: CaseDetail): { text: string; signature: string } {
  const feedback = detail.facts.feedback.at(-1);
  if (!feedback) return { text: '', signature: '' };
  return {
    text: `【${feedback.accepted ? '认可' : '不认可'}】${feedback.text ?? ''}`,
    signature: chineseDate(feedback.recordedAt),
  };
}

export async function buildApprovalFormDocx(
  detail: CaseDetail,
  options: ApprovalFormOptions,
): Promise<Buffer> {
  const proposedAt = detail.proposedAt ?? detail.decisions[0]?.decidedAt;
  const proposer = detail.proposer ?? detail.firstResponder;
  // Masked again here so the form never depends on the caller having masked it.
  const phone = options.fullPhone ?? maskPhone(detail.applicantPhone);
  const applicant =
    detail.applicantName +
    (detail.applicantCreditCode ? `（统一社会信用代码：${detail.applicantCreditCode}）` : '');
  const contact = phone + (detail.applicantAddress ? `${GAP}${detail.applicantAddress}` : '');
  const live = liveRound(detail);
  const tried = live?.tried ? `\n已尝试的办法及结果：${live.tried}` : '';
  const reason = reasonOf(detail) + tried;
  const feedback = feedbackOf(detail);
  const earlier = detail.rounds.filter((r) => r !== live);
  const roundNote =
    earlier.length === 0
      ? null
      : live
        ? `本表为第${live.round}轮审批，此前各轮见表后。`
        : '此前各轮审批见表后。';

  const table = new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_WIDTHS,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: { left: 100, right: 100, top: 60, bottom: 60 },
    rows: [
      row(
        [
          labelCell('承办单位（科室）', { column: 0, span: 2 }),
          valueCell(`${detail.unitName} ${detail.departmentName}`, { column: 2 }),
          labelCell('首问负责人', { column: 3 }),
          valueCell(proposer.displayName, { column: 4 }),
        ],
        620,
      ),
      row(
        [
          labelCell('申请（来信、来访）人', { column: 0, rowSpan: 2 }),
          labelCell('单位、姓名', { column: 1 }),
          valueCell(applicant, { column: 2, span: 3 }),
        ],
        620,
      ),
      row([labelCell('联系方式', { column: 1 }), valueCell(contact, { column: 2, span: 3 })], 620),
      row(
        [
          labelCell('申请（来信、来访）时间、方式', { column: 0, rowSpan: 2 }),
          labelCell('时间', { column: 1 }),
          valueCell(chineseDateTime(detail.receivedAt), { column: 2, span: 3 }),
        ],
        620,
      ),
      row(
        [labelCell('方式', { column: 1 }), valueCell(CHANNEL_LABELS[detail.channel], { column: 2, span: 3 })],
        620,
      ),
      wideRow(
        '申请（来信、来访）事项',
        `【${MATTER_TYPE_LABELS[detail.matterType]}】${detail.matterTitle}\n${detail.description}`,
        1100,
      ),
      wideRow(
        '说“不”理由',
        reason,
        1100,
        proposedAt ? `首问负责人：${proposer.displayName}${GAP}${chineseDate(proposedAt)}` : '',
      ),
      wideRow('申请（来信、来访）人意见反馈', feedback.text, 900, feedback.signature),
      opinionRow(detail, 2, '科室负责人审批意见'),
      opinionRow(detail, 3, '分管领导审批意见'),
      opinionRow(detail, 4, '主要领导审批意见'),
      wideRow('备注', [remarksOf(detail), roundNote].filter(Boolean).join('\n'), 700),
    ],
  });

  const date = proposedAt ? chinaParts(proposedAt) : null;
  const dateLine = date ? `${date.y} 年 ${date.m} 月 ${date.d} 日` : '年\u3000\u3000月\u3000\u3000日';
  const doc = new Document({
    creator: 'bancheng 办成',
    title: `${options.bureauName} 说“不”事项提级管理审批表 ${detail.number}`,
    styles: { default: { document: { run: { font: SONG, size: SIZE.xiaoSi } } } },
    sections: [
      {
        properties: { page: A4_PAGE },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [
              new TextRun({
                text: `${options.bureauName} 说“不”事项提级管理审批表`,
                bold: true,
                font: SONG,
                size: SIZE.xiaoEr,
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { after: 120 },
            children: [new TextRun({ text: dateLine, font: SONG, size: SIZE.xiaoSi })],
          }),
          table,
          ...earlier.flatMap((round) => earlierRound(detail, round)),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
