// 移送纪检: the reports referred to the reader's discipline inspection, those waiting for a finding
// first; each opens the report's page, where the finding is recorded.
import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { REFERRAL_STATES } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import type { ReferralTask } from '../api/ledger.ts';
import { useReferrals } from '../hooks/useLedger.ts';
import { Tag } from 'antd';

export function ReferralsList() {
  const t = useT();
  const referrals = useReferrals();
  const items = [...(referrals.data?.items ?? [])].sort(
    (a, b) =>
      REFERRAL_STATES.indexOf(a.state) - REFERRAL_STATES.indexOf(b.state) ||
      b.referredAt.localeCompare(a.referredAt),
  );
  const columns: TableColumnsType<ReferralTask> = [
    {
      title: t('referrals.colReport'),
      key: 'report',
      width: 150,
      render: (_, r) => (
        <Link to={`/ledger/${encodeURIComponent(r.reportId)}`} data-testid="referral-link">
          {r.reportNumber}
        </Link>
      ),
    },
    {
      title: t('referrals.colUnit'),
      key: 'unit',
      width: 180,
      render: (_, r) => <span data-user-text>{r.unitName}</span>,
    },
    {
      title: t('referrals.colReferredAt'),
      key: 'referredAt',
      width: 170,
      render: (_, r) => <time dateTime={r.referredAt}>{formatDateTime(r.referredAt)}</time>,
    },
    {
      title: t('referrals.colNote'),
      key: 'note',
      render: (_, r) => (
        <Typography.Paragraph
          ellipsis={{ rows: 2 }}
          style={{ margin: 0, wordBreak: 'break-all' }}
          data-user-text
        >
          {r.note}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('referrals.colState'),
      key: 'state',
      width: 120,
      render: (_, r) => (
        <Tag
          color={r.state === 'open' ? 'magenta' : 'default'}
          data-testid="referral-state"
          data-state={r.state}
        >
          {t(`referralState.${r.state}`)}
        </Tag>
      ),
    },
  ];
  return (
    <>
      <PageTitle title={t('referrals.title')} />
      <Card>
        {referrals.isPending ? (
          <LoadingBlock />
        ) : referrals.isError ? (
          <ErrorBlock error={referrals.error} onRetry={() => void referrals.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock description={t('referrals.empty')} />
        ) : (
          <Table<ReferralTask>
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={items}
            pagination={false}
            scroll={{ x: 800 }}
            onRow={(r) => ({ 'data-testid': `referral-row-${r.reportNumber}` }) as object}
          />
        )}
      </Card>
    </>
  );
}
