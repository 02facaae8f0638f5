// The written reply (书面回复) to the applicant after a final refusal, as a DOCX: why the matter cannot be
// done, the 说“行”建议, and where to turn if they disagree (work plan 三(一), 三(四), 四(三)).
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { CaseDetail } from '@bancheng/core';
import {
  A4_PAGE,
  CHANNEL_LABELS,
  SONG,
  chineseDate,
  decisionAt,
  textParagraphs,
} from './approval-form-docx.ts';

export interface ReplyLetterOptions {
  bureauName: string;
  /** The letter's date (YYYY-MM-DD or an ISO time); by default the written reply's, else today. */
  date?: string;
  /** Today (YYYY-MM-DD in China), by the application's clock: the date when no other applies. */
  today: string;
}

/** Letters are set in 仿宋 三号 (16 pt), the title in bold Song 小二号 (18 pt), as official letters are. */
const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'FangSong' } as const;
const BODY_SIZE = 32;
const TITLE_SIZE = 36;

/** Ends a sentence with a full stop unless it already ends with punctuation. */
function sentence(text: string): string {
  const t = text.trim();
  return /[。！？；.!?;]$/.test(t) ? t : `${t}。`;
}

function bodyParagraph(text: string, options: { indent?: boolean; alignment?: 'left' | 'right' } = {}) {
  return new Paragraph({
    alignment: options.alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    spacing: { line: 560, lineRule: 'exact' },
    ...(options.indent !== false && { indent: { firstLine: 2 * BODY_SIZE * 10 } }),
    children: [new TextRun({ text, font: FANGSONG, size: BODY_SIZE })],
  });
}

function letterDate(detail: CaseDetail, options: ReplyLetterOptions): string {
  if (options.date) return chineseDate(options.date);
  const reply = detail.facts.replies.at(-1);
  if (reply?.channel === 'written') return chineseDate(reply.repliedAt);
  return chineseDate(options.today);
}

export async function buildReplyLetterDocx(detail: CaseDetail, options: ReplyLetterOptions): Promise<Buffer> {
  const you = detail.applicantKind === 'enterprise' ? '贵单位' : '您';
  const principal = decisionAt(detail, 4);
  const reasons = [
    detail.refusalReasonText ? sentence(detail.refusalReasonText) : '',
    principal?.opinion ? `经我单位主要领导审定：${sentence(principal.opinion)}` : '',
  ].join('');
  const suggestion = detail.workableSuggestion ? sentence(detail.workableSuggestion) : '';

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
    new Paragraph({ spacing: { line: 560, lineRule: 'exact' }, children: [] }),
    bodyParagraph(options.bureauName, { indent: false, alignment: 'right' }),
    bodyParagraph(letterDate(detail, options), { indent: false, alignment: 'right' }),
  ];

  const doc = new Document({
    creator: 'bancheng 办成',
    title: `关于“${detail.matterTitle}”事项的答复 ${detail.number}`,
    styles: { default: { document: { run: { font: FANGSONG, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: A4_PAGE },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480 },
            children: [
              new TextRun({
                text: `关于“${detail.matterTitle}”事项的答复`,
                bold: true,
                font: SONG,
                size: TITLE_SIZE,
              }),
            ],
          }),
          ...body,
          ...textParagraphs(
            `（事项编号：${detail.number}）`,
            { size: 24 },
            { alignment: AlignmentType.LEFT },
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
