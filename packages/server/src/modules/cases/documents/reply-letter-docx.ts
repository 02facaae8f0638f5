// The reply letter (答复函) to the applicant after a final refusal, as a DOCX: its 文号, why the matter cannot
// be done, the 说“行”建议, where to turn if they disagree (work plan 三(一), 三(四), 四(三)), whom to call,
// and the place for the seal over the bureau's name and the date.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { CaseDetail } from '@bancheng/core';
import {
  A4,
  CHANNEL_LABELS,
  FANGSONG,
  SIZE,
  SONG,
  chineseDate,
  decisionAt,
  textParagraphs,
} from './docx-common.ts';

export interface ReplyLetterOptions {
  bureauName: string;
  /** The letter's 文号 (〔2026〕12号), allocated once per case. */
  letterNumber: string;
  /** The bureau's contact number (局设置); a blank to fill by hand when not set. */
  contactPhone: string | null;
  /** Today (YYYY-MM-DD in China), by the application's clock: the date unless the letter was sent. */
  today: string;
}

/** Official letters: 3.7 cm top, 3.5 cm bottom, 2.8 cm left, 2.6 cm right (GB/T 9704). */
const LETTER_PAGE = {
  size: A4,
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
} as const;
/** 仿宋 三号 (16 pt) on 28 pt lines, the title in bold Song 小二号 (18 pt). */
const BODY_SIZE = SIZE.san;
const BODY_LINE = 560;

/** Ends a sentence with a full stop unless it already ends with punctuation. */
function sentence(text: string): string {
  const t = text.trim();
  return /[。！？；.!?;]$/.test(t) ? t : `${t}。`;
}

function bodyParagraph(
  text: string,
  options: { indent?: boolean; alignment?: 'left' | 'right' | 'center'; before?: number } = {},
) {
  const alignment = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER };
  return new Paragraph({
    alignment: options.alignment ? alignment[options.alignment] : AlignmentType.JUSTIFIED,
    spacing: { line: BODY_LINE, lineRule: 'exact', ...(options.before && { before: options.before }) },
    ...(options.indent !== false && { indent: { firstLine: 2 * BODY_SIZE * 10 } }),
    children: [new TextRun({ text, font: FANGSONG, size: BODY_SIZE })],
  });
}

/** The written reply's day sent, when it was sent; else today (the day the letter is made). */
function letterDate(detail: CaseDetail, today: string): string {
  const reply = detail.facts.replies.at(-1);
  if (reply?.channel === 'written') return chineseDate(reply.sentOn ?? reply.repliedAt);
  return chineseDate(today);
}

export async function buildReplyLetterDocx(detail: CaseDetail, options: ReplyLetterOptions): Promise<Buffer> {
  const you = detail.applicantKind === 'enterprise' ? '贵单位' : '您';
  const principal = decisionAt(detail, 4);
  const reasons = [
    detail.refusalReasonText ? sentence(detail.refusalReasonText) : '',
    principal?.opinion ? `经我单位主要领导审定：${sentence(principal.opinion)}` : '',
  ].join('');
  const suggestion = detail.workableSuggestion ? sentence(detail.workableSuggestion) : '';
  const phone = options.contactPhone ?? '\u3000'.repeat(8);

  const body = [
    bodyParagraph(`${detail.applicantName}：`, { indent: false }),
    bodyParagraph(
      `${you}于${chineseDate(detail.receivedAt)}以${CHANNEL_LABELS[detail.channel]}方式提出的“${detail.matterTitle}”事项收悉。` +
        `我单位高度重视，按照说“不”事项提级管理的规定逐级研究，并报主要领导审定。现答复如下：`,
    ),
    bodyParagraph(`一、不能办理的原因。${reasons}`),
    bodyParagraph(`二、可以办理的途径（说“行”建议）。${suggestion}`),
    bodyParagraph(
      `三、如${you}对本答复有异议，可向${options.bureauName}督查室反映（投诉、举报），` +
        `督查室将登记核实，督促办理并及时向${you}反馈。`,
    ),
    bodyParagraph(`感谢${you}对我们工作的理解和支持。`),
    bodyParagraph(`联系人：${detail.firstResponder.displayName}（${detail.departmentName}）`),
    bodyParagraph(`联系电话：${phone}`),
  ];

  // The seal (盖章处) goes over the bureau's name and the date, right-aligned, with room above for it.
  const seal = [
    bodyParagraph('', { indent: false }),
    bodyParagraph('（盖章处）', { indent: false, alignment: 'right', before: 240 }),
    bodyParagraph(options.bureauName, { indent: false, alignment: 'right' }),
    bodyParagraph(letterDate(detail, options.today), { indent: false, alignment: 'right' }),
  ];

  const doc = new Document({
    creator: 'bancheng 办成',
    title: `关于“${detail.matterTitle}”事项的答复 ${options.letterNumber}`,
    styles: { default: { document: { run: { font: FANGSONG, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: LETTER_PAGE },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [
              new TextRun({
                text: `关于“${detail.matterTitle}”事项的答复`,
                bold: true,
                font: SONG,
                size: SIZE.xiaoEr,
              }),
            ],
          }),
          bodyParagraph(options.letterNumber, { indent: false, alignment: 'center' }),
          new Paragraph({ spacing: { line: BODY_LINE, lineRule: 'exact' }, children: [] }),
          ...body,
          ...seal,
          ...textParagraphs(
            `（事项编号：${detail.number}）`,
            { size: SIZE.xiaoSi },
            { alignment: AlignmentType.LEFT },
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
