// Small pieces every case screen shares: the state tag, the outcome tag and the due date.
import { Tag, Typography } from 'antd';
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
 * The due date that runs now (the current approval level's while on the form, else the reply's or the
 * matter's), in red with 已逾期 when it has passed; a dash when there is none or the case is closed.
 */
export function DueText({
  c,
}: {
  c: Pick<CaseSummary, 'state' | 'dueDate' | 'overdue' | 'dueProvisional' | 'levelDue' | 'currentLevel'>;
}) {
  const t = useT();
  const due = c.levelDue ?? c.dueDate;
  if (!due || c.state === 'closed') return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text
      type={c.overdue ? 'danger' : undefined}
      title={c.dueProvisional ? t('cases.provisional') : undefined}
    >
      {c.levelDue && c.currentLevel ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
          {t('cases.levelDue')}
        </Typography.Text>
      ) : null}
      {due}
      {!c.levelDue && c.dueProvisional ? '*' : ''}
      {c.overdue ? (
        <Tag color="red" style={{ marginInlineStart: 6 }}>
          {t('cases.overdue')}
        </Tag>
      ) : null}
    </Typography.Text>
  );
}
