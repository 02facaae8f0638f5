// 附件4 说“不”事项提级管理审批表 as a DOCX, filled from the case: the same rows and merged cells the
// work plan prints, each level's opinion with its signer, date, time limit and whether it was met, the
// 说“行”建议, the feedback, and the bureau's time limits under the table. Set to fit one A4 page with four
// opinions of some 300 characters (小五 in the text cells, exact line heights); earlier rounds (a way that
// failed, a withdrawn proposal) follow it (approval-form-rounds.ts), so nothing decided is lost from paper.
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
import { yearOf, type BureauSettings, type CaseDetail } from '@bancheng/core';
import { maskPhone } from '../../../platform/personal-data.ts';
import {
  A4,
  CHANNEL_LABELS,
  GAP,
  MATTER_TYPE_LABELS,
  REFUSAL_REASON_LABELS,
  SIZE,
  SONG,
  chinaParts,
  chineseDate,
  chineseDateTime,
  decisionAt,
  textParagraphs,
  type Decision,
} from './docx-common.ts';
import { earlierRounds, liveRound } from './approval-form-rounds.ts';

export interface ApprovalFormOptions {
  bureauName: string;
  /** The applicant's full number, for a person who works the case; otherwise the form shows it masked. */
  fullPhone?: string;
  /** The bureau's time limits, printed under the form. */
  settings: Pick<BureauSettings, 'levelWorkdays' | 'replyCounting' | 'replyWorkdays'>;
}

/** A4 portrait, 15 mm top and bottom, 18 mm left and right: the form's rows need the height. */
export const FORM_PAGE = {
  size: A4,
  margin: {
    top: convertMillimetersToTwip(15),
    bottom: convertMillimetersToTwip(15),
    left: convertMillimetersToTwip(18),
    right: convertMillimetersToTwip(18),
  },
} as const;
export const FORM_WIDTH = A4.width - FORM_PAGE.margin.left - FORM_PAGE.margin.right;

// Five grid columns, as the printed form: a label, a sub-label, a value, the 首问负责人 label, its value.
export const COLUMN_WIDTHS = [1300, 900, 3600, 1300, 0].map((w, i, all) =>
  i === all.length - 1 ? FORM_WIDTH - all.reduce((s, x) => s + x, 0) : w,
);

/** Labels in 五号 (10.5 pt) on 12.5 pt lines; the text cells in 小五 (9 pt) on 11 pt lines. */
const LABEL = { size: SIZE.wu, line: 250 } as const;
const TEXT = { size: SIZE.xiaoWu, line: 220 } as const;

const DECISION_LABELS: Record<Decision['decision'], string> = {
  resolvable: '能办',
  escalate: '提请上级',
  refuse: '确实不能办',
};
const STATUS_LABELS = { pending: '待办理', met: '按期', late: '超期' } as const;
export const LEVEL_LABELS = {
  2: '科室负责人审批意见',
  3: '分管领导审批意见',
  4: '主要领导审批意见',
} as const;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
export const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
} as const;
export const CELL_MARGINS = { left: 80, right: 80, top: 30, bottom: 30 } as const;

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
    children: textParagraphs(
      label,
      { size: LABEL.size },
      { alignment: AlignmentType.CENTER, line: LABEL.line },
    ),
  });
}

/** A short value (a name, a time) in the labels' size. */
function valueCell(text: string, at: CellSpec): TableCell {
  const span = at.span ?? 1;
  return new TableCell({
    columnSpan: span > 1 ? span : undefined,
    width: { size: spanWidth(at.column, span), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: textParagraphs(text, { size: LABEL.size }, { line: LABEL.line }),
  });
}

/** A text cell: the text at the top, and with a signature line, the signer at the bottom right. */
function textCell(text: string, at: CellSpec, signature?: string): TableCell {
  const span = at.span ?? 1;
  const children = textParagraphs(
    text,
    { size: TEXT.size },
    { alignment: AlignmentType.JUSTIFIED, line: TEXT.line },
  );
  if (signature) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { line: TEXT.line, lineRule: 'exact' },
        children: [new TextRun({ text: signature, font: SONG, size: TEXT.size })],
      }),
    );
  }
  return new TableCell({
    columnSpan: span > 1 ? span : undefined,
    width: { size: spanWidth(at.column, span), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
    children,
  });
}

export function row(cells: TableCell[], minHeight: number): TableRow {
  return new TableRow({
    children: cells,
    cantSplit: true,
    height: { value: minHeight, rule: HeightRule.ATLEAST },
  });
}

/** A label across the first two columns and its text across the other three: most of the form. */
export function wideRow(label: string, text: string, minHeight: number, signature?: string): TableRow {
  return row(
    [labelCell(label, { column: 0, span: 2 }), textCell(text, { column: 2, span: 3 }, signature)],
    minHeight,
  );
}

export function signerOf(d: Decision): string {
  const acting = d.actingFor ? `（代${d.actingFor.displayName}）` : '';
  return `审批人：${d.person.displayName}${acting}${GAP}${chineseDate(d.decidedAt)}`;
}

export function opinionText(detail: CaseDetail, d: Decision | undefined): string {
  if (!d) return '';
  const lines = [`【${DECISION_LABELS[d.decision]}】${d.byProposer ? '（本人提议）' : ''}${d.opinion}`];
  if (d.level === 4 && d.decision === 'refuse' && detail.workableSuggestion) {
    lines.push(`说“行”建议：${detail.workableSuggestion}`);
  }
  return lines.join('\n');
}

/** A level's opinion; its signature line also gives the level's time limit and whether it was met. */
function opinionRow(detail: CaseDetail, level: 2 | 3 | 4): TableRow {
  const d = decisionAt(detail, level);
  const clock = detail.clocks.levels.find((c) => c.level === level);
  const limit = clock ? `审批时限${chineseDate(clock.due)}（${STATUS_LABELS[clock.status]}）` : '';
  const signature = [limit, d ? signerOf(d) : ''].filter(Boolean).join(GAP + GAP);
  return wideRow(LEVEL_LABELS[level], opinionText(detail, d), 1250, signature);
}

export function reasonOf(round: Pick<CaseDetail, 'refusalReason' | 'refusalReasonText'>): string {
  return (
    (round.refusalReason ? `【${REFUSAL_REASON_LABELS[round.refusalReason]}】` : '') +
    (round.refusalReasonText ?? '')
  );
}

const DELIVERY_LABELS = { post: '邮寄', hand: '当面送达', email: '电子邮件' } as const;

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
  const due = detail.clocks.reply;
  const dueText = due ? `；答复期限${chineseDate(due.due)}` : '';
  if (reply) {
    const late =
      detail.replyLateWorkdays && detail.replyLateWorkdays > 0
        ? `，答复逾期${String(detail.replyLateWorkdays)}个工作日`
        : due?.status === 'met'
          ? '，按期'
          : '';
    if (reply.channel === 'phone') {
      const answeredBy = reply.answeredBy ? `（接听人：${reply.answeredBy}）` : '';
      lines.push(`答复：电话答复${answeredBy}，${chineseDateTime(reply.repliedAt)}${dueText}${late}`);
    } else {
      const way = reply.delivery ? `${DELIVERY_LABELS[reply.delivery]}，` : '';
      const letter = detail.letterNumber ? `（答复函${detail.letterNumber}）` : '';
      lines.push(
        `答复：书面答复${letter}，${way}${chineseDate(reply.sentOn ?? reply.repliedAt)}${dueText}${late}`,
      );
    }
  } else if (due) {
    lines.push(`答复期限：${chineseDate(due.due)}`);
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

/** The bureau's time limits, printed under the table so the reader knows what "按期" was measured by. */
export function settingsNote(settings: ApprovalFormOptions['settings']): string {
  const l = settings.levelWorkdays;
  const from =
    settings.replyCounting === 'receipt'
      ? '自受理之日起（受理当日不计）'
      : '自主要领导审定之日起（当日不计）';
  return (
    `注：本局规定审批时限为科室负责人${String(l[2])}个、分管领导${String(l[3])}个、主要领导${String(l[4])}个工作日` +
    `（自审批表送达该级之日起计算）；确实不能办的，${from}${String(settings.replyWorkdays)}个工作日内答复申请人。`
  );
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
  const feedback = feedbackOf(detail);
  const earlier = detail.rounds.filter((r) => r !== live);
  const roundNote =
    earlier.length === 0
      ? null
      : live
        ? `本表为第${live.round}轮审批，此前各轮见表后。`
        : '此前各轮审批见表后。';

  const table = new Table({
    width: { size: FORM_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_WIDTHS,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
    rows: [
      row(
        [
          labelCell('承办单位（科室）', { column: 0, span: 2 }),
          valueCell(`${detail.unitName} ${detail.departmentName}`, { column: 2 }),
          labelCell('首问负责人', { column: 3 }),
          valueCell(proposer.displayName, { column: 4 }),
        ],
        400,
      ),
      row(
        [
          labelCell('申请（来信、来访）人', { column: 0, rowSpan: 2 }),
          labelCell('单位、姓名', { column: 1 }),
          valueCell(applicant, { column: 2, span: 3 }),
        ],
        360,
      ),
      row([labelCell('联系方式', { column: 1 }), valueCell(contact, { column: 2, span: 3 })], 360),
      row(
        [
          labelCell('申请（来信、来访）时间、方式', { column: 0, rowSpan: 2 }),
          labelCell('时间', { column: 1 }),
          valueCell(chineseDateTime(detail.receivedAt), { column: 2, span: 3 }),
        ],
        360,
      ),
      row(
        [labelCell('方式', { column: 1 }), valueCell(CHANNEL_LABELS[detail.channel], { column: 2, span: 3 })],
        360,
      ),
      wideRow(
        '申请（来信、来访）事项',
        `【${MATTER_TYPE_LABELS[detail.matterType]}】${detail.matterTitle}\n${detail.description}`,
        700,
      ),
      wideRow(
        '说“不”理由',
        reasonOf(detail) + tried,
        1250,
        proposedAt ? `首问负责人：${proposer.displayName}${GAP}${chineseDate(proposedAt)}` : '',
      ),
      wideRow('申请（来信、来访）人意见反馈', feedback.text, 560, feedback.signature),
      opinionRow(detail, 2),
      opinionRow(detail, 3),
      opinionRow(detail, 4),
      wideRow('备注', [remarksOf(detail), roundNote].filter(Boolean).join('\n'), 560),
    ],
  });

  const date = proposedAt ? chinaParts(proposedAt) : null;
  const dateLine = date ? `${date.y} 年 ${date.m} 月 ${date.d} 日` : '年\u3000\u3000月\u3000\u3000日';
  const doc = new Document({
    creator: 'bancheng 办成',
    title: `${options.bureauName} 说“不”事项提级管理审批表 ${detail.number}`,
    styles: { default: { document: { run: { font: SONG, size: SIZE.xiaoWu } } } },
    sections: [
      {
        properties: { page: FORM_PAGE },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 60 },
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
            spacing: { after: 60 },
            children: [new TextRun({ text: dateLine, font: SONG, size: SIZE.wu })],
          }),
          table,
          new Paragraph({
            spacing: { before: 60, line: TEXT.line, lineRule: 'exact' },
            children: [new TextRun({ text: settingsNote(options.settings), font: SONG, size: TEXT.size })],
          }),
          ...earlierRounds(detail, earlier),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
