// Every assignment a department's chain has had, newest first.
import { Drawer, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { CHAIN_POSITIONS } from '@bancheng/core';
import type { Chain, ChainHistory } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { EmptyBlock, ErrorBlock } from '../../../ui/QueryState.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useSticky } from '../../../ui/useSticky.ts';
import { useChainHistory } from '../hooks/useChains.ts';

type Assignment = ChainHistory['assignments'][number];

export function ChainHistoryDrawer({ chain, onClose }: { chain: Chain | null; onClose: () => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  const shown = useSticky(chain);
  const history = useChainHistory(shown?.departmentId ?? null);

  const rows = [...(history.data?.assignments ?? [])].sort(
    (a, b) =>
      b.effectiveFrom.localeCompare(a.effectiveFrom) ||
      CHAIN_POSITIONS.indexOf(a.position) - CHAIN_POSITIONS.indexOf(b.position),
  );

  const columns: TableColumnsType<Assignment> = [
    { title: t('chains.colFrom'), dataIndex: 'effectiveFrom', key: 'from', width: 110 },
    {
      title: t('chains.colTo'),
      key: 'to',
      width: 110,
      render: (_, a) => a.effectiveTo ?? <Tag color="green">{t('chains.current')}</Tag>,
    },
    { title: t('chains.colPosition'), key: 'position', render: (_, a) => t(`position.${a.position}`) },
    { title: t('chains.colPerson'), key: 'person', render: (_, a) => a.person.displayName },
  ];

  return (
    <Drawer
      open={chain !== null}
      title={shown ? t('chains.historyTitle', { name: `${shown.unitName} · ${shown.departmentName}` }) : ''}
      onClose={onClose}
      size={isMobile ? '100%' : 640}
    >
      {history.isError ? (
        <ErrorBlock error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Table<Assignment>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={history.isFetching}
          pagination={false}
          scroll={{ x: 480 }}
          locale={{ emptyText: <EmptyBlock description={t('chains.historyEmpty')} /> }}
        />
      )}
    </Drawer>
  );
}
