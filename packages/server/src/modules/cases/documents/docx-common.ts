// What every document made from a case shares: the fonts and sizes of Chinese official paper, A4, dates
// in China time (UTC+8, whatever the server's zone), the labels paper and screen agree on.
import { Paragraph, TextRun, type AlignmentType } from 'docx';
import type { CaseDetail, RefusalReason } from '@bancheng/core';

type Channel = CaseDetail['channel'];
type MatterType = CaseDetail['matterType'];
export type Decision = CaseDetail['decisions'][number];

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
export const MATTER_TYPE_LABELS: Record<MatterType, string> = {
  licensing: '行政许可事项',
  service: '政务服务事项',
  assigned: '党委政府领导交办事项',
  petition: '来信来访事项',
  complaint: '投诉事项',
  enquiry: '业务咨询事项',
  blockage: '堵点',
  breakpoint: '断点',
};

/** The Song face Chinese government forms are printed in; Latin text in Times New Roman beside it. */
export const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' } as const;
/** Letters are set in 仿宋. */
export const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'FangSong' } as const;
/** Font sizes in half-points: 小二号 18pt, 三号 16pt, 四号 14pt, 小四号 12pt, 五号 10.5pt, 小五号 9pt. */
export const SIZE = { xiaoEr: 36, san: 32, si: 28, xiaoSi: 24, wu: 21, xiaoWu: 18 } as const;

/** A4 portrait; widths are in twips (1/20 pt). */
export const A4 = { width: 11906, height: 16838 } as const;

/** The ideographic space a Chinese form puts between a name and a date. */
export const GAP = '\u3000';
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function chinaParts(iso: string): { y: number; m: number; d: number; hh: string; mm: string } | null {
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

export interface RunStyle {
  size: number;
  bold?: boolean;
  font?: typeof SONG | typeof FANGSONG;
}

/** One paragraph per line of the text, so line breaks typed into the system survive on paper. */
export function textParagraphs(
  text: string,
  run: RunStyle = { size: SIZE.xiaoSi },
  paragraph: {
    alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
    /** Exact line height in twips, so a form's rows take a known height. */
    line?: number;
  } = {},
): Paragraph[] {
  const { font = SONG, ...rest } = run;
  return text.split(/\r?\n/).map(
    (line) =>
      new Paragraph({
        alignment: paragraph.alignment,
        ...(paragraph.indent && { indent: { firstLine: run.size * 20 } }),
        ...(paragraph.line && { spacing: { line: paragraph.line, lineRule: 'exact' as const } }),
        children: [new TextRun({ text: line, font, ...rest })],
      }),
  );
}
