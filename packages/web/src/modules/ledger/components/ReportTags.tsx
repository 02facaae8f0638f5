// Small pieces the ledger's screens share: a report's state, its source, the triage, an order's light.
import { Tag, Typography } from 'antd';
import type {
  Light,
  OrderState,
  ReportOutcome,
  ReportSource,
  ReportState,
  TriageDecision,
} from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';

const STATE_COLORS: Record<ReportState, string> = {
  received: 'blue',
  inLedger: 'geekblue',
  supervising: 'orange',
  referred: 'magenta',
  closed: 'default',
};

export function ReportStateTag({ state, outcome }: { state: ReportState; outcome?: ReportOutcome | null }) {
  const t = useT();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="report-state" data-state={state}>
      {t(`reportState.${state}`)}
      {state === 'closed' && outcome ? ` · ${t(`reportOutcome.${outcome}`)}` : ''}
    </Tag>
  );
}

export function ReportSourceTag({ source }: { source: ReportSource }) {
  const t = useT();
  return <Tag data-testid="report-source">{t(`reportSource.${source}`)}</Tag>;
}

export function TriageText({ triage }: { triage: TriageDecision | null }) {
  const t = useT();
  if (!triage) return <Typography.Text type="secondary">{t('triage.pending')}</Typography.Text>;
  return (
    <Typography.Text type={triage === 'outOfScope' ? 'secondary' : undefined} data-testid="report-triage">
      {t(`triage.${triage}`)}
    </Typography.Text>
  );
}

const ORDER_COLORS: Record<OrderState, string> = { open: 'orange', answered: 'cyan', accepted: 'green' };

export function OrderStateTag({ state }: { state: OrderState }) {
  const t = useT();
  return (
    <Tag color={ORDER_COLORS[state]} data-testid="order-state" data-state={state}>
      {t(`orderState.${state}`)}
    </Tag>
  );
}

const LIGHT_COLORS: Record<Light, string> = { green: 'green', yellow: 'gold', red: 'red' };

/** The 督办 light of an order (or the worst of a report's open orders): 黄灯 before the due day, 红灯 after. */
export function OrderLight({ light }: { light: Light | null }) {
  const t = useT();
  if (!light) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={LIGHT_COLORS[light]} data-testid="order-light" data-light={light}>
      {t(`light.${light}`)}
    </Tag>
  );
}
