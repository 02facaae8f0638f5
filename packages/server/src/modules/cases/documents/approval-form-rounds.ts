// The earlier rounds of the approval form (审批轮次), after the current one: each a heading and a table of
// its reason, what was tried, and each level's opinion, on the pages after the form.
import { Paragraph, Table, TableLayoutType, TextRun, WidthType } from 'docx';
import type { CaseDetail } from '@bancheng/core';
import { GAP, SIZE, SONG, chineseDate } from './docx-common.ts';
import {
  CELL_MARGINS,
  COLUMN_WIDTHS,
  FORM_WIDTH,
  LEVEL_LABELS,
  TABLE_BORDERS,
  opinionText,
  reasonOf,
  signerOf,
  wideRow,
} from './approval-form-docx.ts';

type Round = CaseDetail['rounds'][number];

const ROUND_KIND_LABELS: Record<Round['kind'], string> = {
  proposal: '首问负责人提出说“不”',
  reopened: '能办未办成，首问负责人重新提请',
  followUpFailed: '跟踪问效未落实，退回原审批层级',
};

/** The round that the table shows: the last one, unless its proposal was withdrawn. */
export function liveRound(detail: CaseDetail): Round | undefined {
  const last = detail.rounds.at(-1);
  return last && last.withdrawnAt === null && detail.proposer ? last : undefined;
}

function earlierRound(detail: CaseDetail, round: Round): (Paragraph | Table)[] {
  const withdrawn = round.withdrawnAt ? `；${chineseDate(round.withdrawnAt)}撤回` : '';
  const heading = new Paragraph({
    spacing: { before: 360, after: 120 },
    children: [
      new TextRun({
        text: `第${round.round}轮审批（${ROUND_KIND_LABELS[round.kind]}，${round.openedBy.displayName}${GAP}${chineseDate(round.openedAt)}${withdrawn}）`,
        bold: true,
        font: SONG,
        size: SIZE.wu,
      }),
    ],
  });
  const rows = [wideRow('说“不”理由', reasonOf(round), 600)];
  if (round.tried) rows.push(wideRow('已尝试的办法及结果', round.tried, 600));
  for (const d of round.decisions) {
    rows.push(wideRow(LEVEL_LABELS[d.level as 2 | 3 | 4], opinionText(detail, d), 800, signerOf(d)));
  }
  const table = new Table({
    width: { size: FORM_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_WIDTHS,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
    rows,
  });
  return [heading, table];
}

export function earlierRounds(detail: CaseDetail, rounds: readonly Round[]): (Paragraph | Table)[] {
  return rounds.flatMap((round) => earlierRound(detail, round));
}
