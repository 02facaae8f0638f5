// The minutes of a consultation (会商纪要) as a DOCX (work plan 四(一)): the matter, the lead's feasible
// suggestion, the convener, time and place, who was invited and who was present, the conclusion and the
// instruction it gives, and the attachments the participants added to the case for it.
import { AlignmentType, Document, Packer, Paragraph, TextRun, convertMillimetersToTwip } from 'docx';
import type { CaseAttachment, CaseDetail } from '@bancheng/core';
import { A4, SIZE, SONG, chineseDateTime, textParagraphs } from './docx-common.ts';

/** A4 portrait with 2.5 cm margins. */
const MARGIN = convertMillimetersToTwip(25);
const A4_PAGE = { size: A4, margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN } } as const;

type Consultation = CaseDetail['facts']['consultations'][number];

/** The ideographic space a Chinese form puts between two items of a line. */
const GAP = '\u3000';

const CONCLUSIONS = {
  resolvable: '能办：按会商意见办理，召集人跟踪问效',
  notResolvable: '仍不能办：退回首问负责人，按四级责任链条逐级审批',
} as const;

function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, bold: true, font: SONG, size: SIZE.xiaoSi })],
  });
}

function line(label: string, value: string): Paragraph {
  return new Paragraph({
    spacing: { after: 80 },
    children: [
      new TextRun({ text: `${label}：`, bold: true, font: SONG, size: SIZE.xiaoSi }),
      new TextRun({ text: value, font: SONG, size: SIZE.xiaoSi }),
    ],
  });
}

export async function buildConsultationMinutesDocx(
  detail: CaseDetail,
  consultation: Consultation,
  options: { bureauName: string; attachments: readonly CaseAttachment[] },
): Promise<Buffer> {
  const meeting = consultation.meeting;
  const names = (present: boolean | null) =>
    consultation.people
      .filter((p) => p.present === present)
      .map((p) => p.person.displayName)
      .join('、') || '无';
  const invited = consultation.people.map((p) => p.person.displayName).join('、') || '无';
  const coDepartments = detail.coDepartments.map((d) => d.departmentName).join('、') || '无';
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [new TextRun({ text: '会商纪要', bold: true, font: SONG, size: SIZE.xiaoEr })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [
        new TextRun({
          text: `${options.bureauName}${GAP}事项编号：${detail.number}`,
          font: SONG,
          size: SIZE.xiaoSi,
        }),
      ],
    }),
    line('事项', detail.matterTitle),
    line('申请人', detail.applicantName),
    line(
      '牵头科室',
      `${detail.departmentName}${detail.noCompetentDepartment ? '（无明确主管部门，首问科室牵头）' : ''}`,
    ),
    line('共同办理科室', coDepartments),
    line('首问负责人', detail.firstResponder.displayName),
    line('会商召集人', consultation.convener?.displayName ?? '—'),
    line('会商时间', meeting ? chineseDateTime(meeting.heldAt) : '—'),
    line('会商地点', meeting?.place ?? '—'),
    line('邀请参会人员', invited),
    line('出席人员', meeting ? names(true) : '—'),
    line('未出席人员', meeting ? names(false) : '—'),
    line('其他参会情况', meeting?.participants ?? '—'),
    heading('一、提请会商的可行性建议'),
    ...textParagraphs(consultation.proposal || '—', { size: SIZE.xiaoSi }, { indent: true }),
    heading('二、会商结论'),
    new Paragraph({
      children: [
        new TextRun({
          text: meeting ? CONCLUSIONS[meeting.conclusion] : '尚未会商',
          font: SONG,
          size: SIZE.xiaoSi,
        }),
      ],
    }),
    heading('三、会商意见及交办事项'),
    ...textParagraphs(meeting?.record || '—', { size: SIZE.xiaoSi }, { indent: true }),
    heading('四、附件'),
    ...(options.attachments.length > 0
      ? options.attachments.map(
          (a, i) =>
            new Paragraph({
              children: [new TextRun({ text: `${i + 1}. ${a.fileName}`, font: SONG, size: SIZE.xiaoSi })],
            }),
        )
      : [new Paragraph({ children: [new TextRun({ text: '无', font: SONG, size: SIZE.xiaoSi })] })]),
    new Paragraph({ spacing: { before: 480 }, children: [] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [
        new TextRun({
          text: `记录人：${meeting?.recordedBy.displayName ?? '—'}${GAP}${meeting ? chineseDateTime(meeting.recordedAt) : ''}`,
          font: SONG,
          size: SIZE.xiaoSi,
        }),
      ],
    }),
  ];
  const doc = new Document({
    creator: 'bancheng 办成',
    title: `会商纪要 ${detail.number}`,
    styles: { default: { document: { run: { font: SONG, size: SIZE.xiaoSi } } } },
    sections: [{ properties: { page: A4_PAGE }, children }],
  });
  return Packer.toBuffer(doc);
}
