// 一次性告知书 (work plan 三(一)) as a DOCX: the applicant, the matter, and the notice as it was given — its
// headings (办理依据, 程序, 材料, 时限, 地点) in bold — signed by the first responder with the date given.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { ONE_TIME_NOTICE_HEADINGS, ONE_TIME_NOTICE_SECTIONS, type CaseDetail } from '@bancheng/core';
import { A4, FANGSONG, SIZE, SONG, chineseDate } from './docx-common.ts';

type Notice = CaseDetail['facts']['notices'][number];

const PAGE = { size: A4, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } as const;
const BODY_SIZE = SIZE.san;
const BODY_LINE = 560;

const HEADINGS = ONE_TIME_NOTICE_SECTIONS.flatMap((s) => Object.values(ONE_TIME_NOTICE_HEADINGS[s]));

function paragraph(text: string, options: { indent?: boolean; right?: boolean; bold?: boolean } = {}) {
  return new Paragraph({
    alignment: options.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    spacing: { line: BODY_LINE, lineRule: 'exact' },
    ...(options.indent !== false && { indent: { firstLine: 2 * BODY_SIZE * 10 } }),
    children: [new TextRun({ text, font: FANGSONG, size: BODY_SIZE, bold: options.bold })],
  });
}

/** A line of the notice: a heading line (一、办理依据：…) has its heading in bold. */
function noticeLine(line: string): Paragraph {
  const m = /^(\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)）])?\s*)([^:：]+)([:：])(.*)$/u.exec(line);
  const heading = m && HEADINGS.some((h) => h.toLowerCase() === (m[2] ?? '').trim().toLowerCase());
  const children =
    m && heading
      ? [
          new TextRun({
            text: `${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}`,
            font: FANGSONG,
            size: BODY_SIZE,
            bold: true,
          }),
          new TextRun({ text: m[4] ?? '', font: FANGSONG, size: BODY_SIZE }),
        ]
      : [new TextRun({ text: line, font: FANGSONG, size: BODY_SIZE })];
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { line: BODY_LINE, lineRule: 'exact' },
    indent: { firstLine: 2 * BODY_SIZE * 10 },
    children,
  });
}

export async function buildOneTimeNoticeDocx(
  detail: CaseDetail,
  notice: Notice,
  options: { bureauName: string },
): Promise<Buffer> {
  const doc = new Document({
    creator: 'bancheng 办成',
    title: `一次性告知书 ${detail.number}`,
    styles: { default: { document: { run: { font: FANGSONG, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: PAGE },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: options.bureauName, font: SONG, size: SIZE.si })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [new TextRun({ text: '一次性告知书', bold: true, font: SONG, size: SIZE.xiaoEr })],
          }),
          paragraph(`编号：${detail.number}`, { indent: false, right: true }),
          paragraph(`${detail.applicantName}：`, { indent: false }),
          paragraph(
            `您申请（咨询）的“${detail.matterTitle}”事项，现将办理程序、所需材料和要求一次性告知如下：`,
          ),
          ...notice.notice.split(/\r?\n/).map(noticeLine),
          paragraph('请按上述要求准备材料后办理。如有疑问，请与首问负责人联系。'),
          paragraph('', { indent: false }),
          paragraph(`${detail.departmentName}\u3000首问负责人：${notice.givenBy.displayName}`, {
            indent: false,
            right: true,
          }),
          paragraph(chineseDate(notice.givenAt), { indent: false, right: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
