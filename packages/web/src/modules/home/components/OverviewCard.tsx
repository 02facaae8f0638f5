// 工作台 · 督办概览 (督查室, 纪检, 主要领导): overdue cases by level and by the reply, and the open, overdue and
// refused cases, for the bureau and by department. Every number comes from the server and links to the
// case list filtered to exactly those cases.
import { Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { OVERDUE_STAGES, STATE_OF_OVERDUE_STAGE, type CaseOverview, type OverdueStage } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useOverview } from '../hooks/useOverview.ts';

type Row = CaseOverview['departments'][number];
type Measure = OverdueStage | 'overdue' | 'open' | 'refused';

/** The case list holding exactly the cases a count counts. */
export function overviewLink(measure: Measure, departmentId?: string): string {
  const params = new URLSearchParams({ view: 'all' });
  if (measure === 'open' || measure === 'refused') params.set(measure, 'true');
  else {
    if (measure !== 'overdue') params.set('state', STATE_OF_OVERDUE_STAGE[measure]);
    params.set('overdue', 'true');
  }
  if (departmentId) params.set('departmentId', departmentId);
  return `/cases?${params.toString()}`;
}

const valueOf = (m: Measure, r: Pick<Row, 'overdueAt' | 'overdue' | 'open' | 'refused'>): number =>
  m === 'overdue' || m === 'open' || m === 'refused' ? r[m] : r.overdueAt[m];

/** A count: a link to its cases unless there are none. */
function CountLink({
  measure,
  row,
  departmentId,
}: {
  measure: Measure;
  row: Row | CaseOverview;
  departmentId?: string;
}) {
  const n = valueOf(measure, row);
  const testId = `overview-${measure}${departmentId ? `-${departmentId}` : ''}`;
  if (n === 0) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        0
      </Typography.Text>
    );
  }
  // Overdue counts in red: each is a case past a limit someone must act on.
  const late = measure !== 'open' && measure !== 'refused';
  return (
    <Link
      to={overviewLink(measure, departmentId)}
      data-testid={testId}
      style={late ? { color: '#cf1322' } : undefined}
    >
      {n}
    </Link>
  );
}

export function OverviewCard({ enabled }: { enabled: boolean }) {
  const t = useT();
  const overview = useOverview(enabled);
  if (!enabled) return null;
  const stageLabel = (s: OverdueStage) => t(`overview.stage.${s}`);
  const columns: TableColumnsType<Row> = [
    { title: t('home.colUnit'), dataIndex: 'unitName', key: 'unit' },
    { title: t('home.colDepartment'), dataIndex: 'departmentName', key: 'department' },
    ...OVERDUE_STAGES.map((s) => ({
      title: stageLabel(s),
      key: s,
      align: 'right' as const,
      render: (_: unknown, r: Row) => <CountLink measure={s} row={r} departmentId={r.departmentId} />,
    })),
    ...(['overdue', 'open', 'refused'] as const).map((m) => ({
      title: t(`overview.${m}`),
      key: m,
      align: 'right' as const,
      render: (_: unknown, r: Row) => <CountLink measure={m} row={r} departmentId={r.departmentId} />,
    })),
  ];
  const tile = (measure: Measure, label: string, data: CaseOverview) => (
    <Col xs={12} sm={8} lg={6} key={measure}>
      <Statistic title={label} valueRender={() => <CountLink measure={measure} row={data} />} />
    </Col>
  );
  return (
    <Card
      data-testid="home-overview"
      title={t('overview.title')}
      extra={
        overview.data ? (
          <Typography.Text type="secondary">
            {t('overview.asOf', { date: overview.data.asOf })}
          </Typography.Text>
        ) : null
      }
    >
      {overview.isPending ? (
        <LoadingBlock />
      ) : overview.isError ? (
        <ErrorBlock error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('overview.bureau')}
            </Typography.Title>
            <Row gutter={[16, 16]}>
              {tile('open', t('overview.open'), overview.data)}
              {tile('overdue', t('overview.overdue'), overview.data)}
              {tile('refused', t('overview.refused'), overview.data)}
            </Row>
          </div>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('overview.byStage')}
            </Typography.Title>
            <Row gutter={[16, 16]}>{OVERDUE_STAGES.map((s) => tile(s, stageLabel(s), overview.data))}</Row>
          </div>
          <Table<Row>
            rowKey="departmentId"
            size="small"
            columns={columns}
            dataSource={overview.data.departments}
            pagination={false}
            scroll={{ x: 900 }}
            title={() => <Typography.Text strong>{t('overview.byDepartment')}</Typography.Text>}
            locale={{ emptyText: <EmptyBlock description={t('overview.empty')} /> }}
            onRow={(r) =>
              ({ 'data-testid': `overview-row-${r.departmentId}` }) as React.HTMLAttributes<HTMLElement>
            }
          />
        </Flex>
      )}
    </Card>
  );
}
