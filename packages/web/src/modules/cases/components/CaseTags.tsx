// Small pieces every case screen shares: the state tag, the outcome tag and the due date.
import { Tag, Tooltip, Typography } from 'antd';
import { yearOf } from '@bancheng/core';
import type { CaseOutcome, CaseState, CaseSummary, Light } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';

const STATE_COLORS: Record<CaseState, string> = {
  open: 'blue',
  atDeptHead: 'gold',
  atLeaderInCharge: 'orange',
  atPrincipalLeader: 'volcano',
  resolving: 'green',
  inConsultation: 'purple',
  refused: 'red',
  replied: 'magenta',
  closed: 'default',
};

const OUTCOME_COLORS: Record<CaseOutcome, string> = {
  done: 'success',
  oneTimeNotice: 'cyan',
  refused: 'error',
};

export function CaseStateTag({ state }: { state: CaseState }) {
  const t = useT();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="case-state" data-state={state}>
      {t(`caseState.${state}`)}
    </Tag>
  );
}

export function CaseOutcomeTag({ outcome }: { outcome: CaseOutcome | null }) {
  const t = useT();
  if (!outcome) return null;
  return (
    <Tag color={OUTCOME_COLORS[outcome]} data-testid="case-outcome">
      {t(`caseOutcome.${outcome}`)}
    </Tag>
  );
}

const LIGHT_COLORS: Record<Light, string> = { green: 'green', yellow: 'gold', red: 'red' };

/** The 督办 light: green, yellow from the working day before the due date, red after it. */
export function ClockLight({ light }: { light: Light | null }) {
  const t = useT();
  if (!light) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={LIGHT_COLORS[light]} data-testid="case-light" data-light={light}>
      {t(`light.${light}`)}
    </Tag>
  );
}

/**
 * What a provisional due date does not know, in words: the year of the deadline whose holidays are not
 * loaded, so Monday–Friday was assumed (the due date's year: the first one a count can lack).
 */
export function provisionalNoteOf(
  t: ReturnType<typeof useT>,
  c: Pick<CaseSummary, 'dueDate' | 'dueProvisional'>,
): string | null {
  return c.dueDate && c.dueProvisional ? t('cases.provisionalNote', { year: yearOf(c.dueDate) }) : null;
}

/** In the lists: a tag in words, with the whole sentence on hover and for screen readers. */
export function ProvisionalTag({ c }: { c: Pick<CaseSummary, 'dueDate' | 'dueProvisional'> }) {
  const t = useT();
  const note = provisionalNoteOf(t, c);
  if (!note) return null;
  return (
    <Tooltip title={note}>
      <Tag color="orange" style={{ marginInlineStart: 6 }} aria-label={note} data-testid="due-provisional">
        {t('cases.provisionalTag')}
      </Tag>
    </Tooltip>
  );
}

/**
 * The due date that runs now (the current approval level's while on the form, else the reply's or the
 * matter's), in red with 已逾期 when it has passed; a dash when there is none or the case is closed.
 */
export function DueText({
  c,
}: {
  c: Pick<
    CaseSummary,
    'state' | 'dueDate' | 'overdue' | 'dueProvisional' | 'levelDue' | 'currentLevel' | 'replyLateWorkdays'
  >;
}) {
  const t = useT();
  const due = c.levelDue ?? c.dueDate;
  // A closed case answered late keeps saying so (答复逾期 N 个工作日); otherwise nothing runs any more.
  if (c.state === 'closed' && c.replyLateWorkdays) return <LateReplyTag c={c} />;
  if (!due || c.state === 'closed') return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text type={c.overdue ? 'danger' : undefined}>
      {c.levelDue && c.currentLevel ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
          {t('cases.levelDue')}
        </Typography.Text>
      ) : null}
      {due}
      {c.levelDue ? null : <ProvisionalTag c={c} />}
      {c.overdue ? (
        <Tag color="red" style={{ marginInlineStart: 6 }}>
          {t('cases.overdue')}
        </Tag>
      ) : null}
    </Typography.Text>
  );
}

/** 答复逾期 N 个工作日: the reply came after its due date (counted on the working-day calendar). */
export function LateReplyTag({ c }: { c: Pick<CaseSummary, 'replyLateWorkdays'> }) {
  const t = useT();
  if (!c.replyLateWorkdays) return null;
  return (
    <Tag color="volcano" data-testid="case-late-reply" data-days={c.replyLateWorkdays}>
      {t('documents.lateReply', { days: c.replyLateWorkdays })}
    </Tag>
  );
}
