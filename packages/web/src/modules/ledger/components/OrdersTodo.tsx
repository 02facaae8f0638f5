// 待办督办单: the supervision orders addressed to the departments the reader heads, the open ones first
// (soonest due first), each with its light; on the home page and the to-do list, and as a page of its own.
import { Badge, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { OrderTask } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useOrderTasks } from '../hooks/useLedger.ts';
import { OrderLight, OrderStateTag } from './ReportTags.tsx';

/** Open orders first, soonest due first; then those waiting for the office; the verified last. */
export function orderedTasks(items: readonly OrderTask[]): OrderTask[] {
  const rank = { open: 0, answered: 1, accepted: 2 } as const;
  return [...items].sort(
    (a, b) =>
      rank[a.state] - rank[b.state] ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.issuedAt.localeCompare(b.issuedAt),
  );
}

function TaskRow({ o, first }: { o: OrderTask; first: boolean }) {
  const t = useT();
  return (
    <Link
      to={`/ledger/orders/${encodeURIComponent(o.id)}`}
      data-testid="order-task"
      data-order-id={o.id}
      data-state={o.state}
      style={{ display: 'block', padding: '8px 0', borderTop: first ? undefined : '1px solid #f0f0f0' }}
    >
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Flex vertical style={{ minWidth: 0, flex: '1 1 220px' }}>
          <Typography.Text strong ellipsis data-user-text>
            {o.instructions}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('orders.report', { number: o.reportNumber })} · <span data-user-text>{o.departmentName}</span>{' '}
            · {formatDateTime(o.issuedAt)}
          </Typography.Text>
        </Flex>
        <Flex vertical align="end" gap={2}>
          <OrderStateTag state={o.state} />
          <Flex gap={4} align="center">
            {o.state === 'open' ? <OrderLight light={o.light} /> : null}
            <Typography.Text
              type={o.overdue && o.state === 'open' ? 'danger' : 'secondary'}
              style={{ fontSize: 12 }}
            >
              {t('report.orderDue', { days: o.dueWorkdays, date: o.dueDate })}
            </Typography.Text>
          </Flex>
        </Flex>
      </Flex>
    </Link>
  );
}

/** The card on the home page and above the to-do list: the open orders, the first few of them. */
export function OrdersTodoCard({ enabled }: { enabled: boolean }) {
  const t = useT();
  const tasks = useOrderTasks(enabled);
  if (!enabled) return null;
  const open = orderedTasks(tasks.data?.items ?? []).filter((o) => o.state === 'open');
  return (
    <Card
      data-testid="home-orders"
      title={
        <Flex align="center" gap={8}>
          {t('orders.todoTitle')}
          <Badge
            count={open.length}
            showZero
            color={open.length > 0 ? '#cf1322' : '#8c8c8c'}
            data-testid="home-orders-count"
          />
        </Flex>
      }
      extra={<Link to="/ledger/orders">{t('orders.todoMore')}</Link>}
    >
      {tasks.isPending ? (
        <LoadingBlock />
      ) : tasks.isError ? (
        <ErrorBlock error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : open.length === 0 ? (
        <EmptyBlock description={t('orders.todoEmpty')} />
      ) : (
        open.slice(0, 5).map((o, i) => <TaskRow key={o.id} o={o} first={i === 0} />)
      )}
    </Card>
  );
}

/** /ledger/orders: every order addressed to the reader's departments. */
export function OrdersList() {
  const t = useT();
  const tasks = useOrderTasks();
  const items = orderedTasks(tasks.data?.items ?? []);
  return (
    <>
      <PageTitle title={t('orders.title')} />
      <Card>
        {tasks.isPending ? (
          <LoadingBlock />
        ) : tasks.isError ? (
          <ErrorBlock error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock description={t('orders.empty')} />
        ) : (
          items.map((o, i) => <TaskRow key={o.id} o={o} first={i === 0} />)
        )}
      </Card>
    </>
  );
}
