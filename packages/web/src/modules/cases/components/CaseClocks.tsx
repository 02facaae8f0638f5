// 时限: each approval level's due date (its working days from the day the form reached it) and whether it
// was met, the reply's due date by the bureau's setting, and the working days since receipt.
import { Card, Descriptions, Tag, Typography } from 'antd';
import type { CaseClocks as Clocks, CaseDetail, ClockStatus } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import type { MessageKey, TFunction } from '../../../i18n/index.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { LEVEL_LABELS } from './ApprovalProgress.tsx';
import { ClockLight } from './CaseTags.tsx';

const STATUS_LABELS: Record<ClockStatus, MessageKey> = {
  pending: 'clock.pending',
  met: 'clock.met',
  late: 'clock.late',
};
const STATUS_COLORS: Record<ClockStatus, string> = { pending: 'default', met: 'success', late: 'error' };

type DueClock = Pick<Clocks['levels'][number], 'due' | 'provisional' | 'status' | 'light'>;

function ClockValue({ clock }: { clock: DueClock }) {
  const t = useT();
  return (
    <span data-status={clock.status}>
      {clock.due}
      {clock.provisional ? '*' : ''}{' '}
      {clock.status === 'pending' ? (
        <ClockLight light={clock.light} />
      ) : (
        <Tag color={STATUS_COLORS[clock.status]}>{t(STATUS_LABELS[clock.status])}</Tag>
      )}
    </span>
  );
}

/** How the bureau counts the reply, in words (printed under the approval form too). */
export function replyRuleText(t: TFunction, clocks: Pick<Clocks, 'replyCounting' | 'replyWorkdays'>): string {
  return t(clocks.replyCounting === 'receipt' ? 'clock.ruleFromReceipt' : 'clock.ruleFromRefusal', {
    days: clocks.replyWorkdays,
  });
}

/** One line per level for the approval form: due date and met / late / waiting. */
export function levelClockText(t: TFunction, clock: Clocks['levels'][number] | undefined): string {
  if (!clock) return '';
  return t('clock.formLine', { due: clock.due, status: t(STATUS_LABELS[clock.status]) });
}

export function CaseClocks({ c }: { c: CaseDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const { clocks } = c;
  const items = [
    ...clocks.levels.map((clock) => ({
      key: `level-${clock.level}`,
      label: t('clock.levelDue', { level: t(LEVEL_LABELS[clock.level as 2 | 3 | 4]) }),
      children: (
        <span data-testid={`clock-level-${clock.level}`}>
          <ClockValue clock={clock} />
        </span>
      ),
    })),
    {
      key: 'reply',
      label: t('clock.replyDue'),
      children: clocks.reply ? (
        <span data-testid="clock-reply">
          <ClockValue clock={clocks.reply} />
        </span>
      ) : (
        <Typography.Text type="secondary">{t('clock.replyNotStarted')}</Typography.Text>
      ),
    },
    {
      key: 'sinceReceipt',
      label: t('clock.sinceReceipt'),
      children: (
        <span data-testid="clock-since-receipt">
          {t('clock.workdays', { count: clocks.workdaysSinceReceipt })}
        </span>
      ),
    },
  ];
  return (
    <Card title={t('clock.title')} size={isMobile ? 'small' : undefined} data-testid="case-clocks">
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} items={items} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {replyRuleText(t, clocks)}
      </Typography.Text>
    </Card>
  );
}
