// Attachment 3: the four-level responsibility chain roster on a given date.
import { useState } from 'react';
import { Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Chain, PersonRef } from '@bancheng/core';
import { useLang, useT } from '../../../i18n/index.tsx';
import { ISO_DATE, today } from '../../../ui/dates.ts';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { EmptyBlock, ErrorBlock } from '../../../ui/QueryState.tsx';
import { rosterXlsxUrl } from '../api/chains.ts';
import { useRoster } from '../hooks/useChains.ts';
import { ChainEditorDrawer } from './ChainEditorDrawer.tsx';
import { ChainHistoryDrawer } from './ChainHistoryDrawer.tsx';
import { RosterImportModal } from './RosterImportModal.tsx';

export function RosterView({ isAdmin }: { isAdmin: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const [date, setDate] = useState(today);
  const roster = useRoster(date);
  const [editing, setEditing] = useState<Chain | null>(null);
  const [viewing, setViewing] = useState<Chain | null>(null);
  const [importing, setImporting] = useState(false);

  const person = (p: PersonRef | null) =>
    p ? p.displayName : <Typography.Text type="secondary">{t('chains.notSet')}</Typography.Text>;

  const columns: TableColumnsType<Chain> = [
    {
      title: t('chains.colDepartment'),
      key: 'department',
      fixed: 'left',
      width: 180,
      render: (_, c) => (
        <div>
          <Typography.Text strong>{c.departmentName}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{c.unitName}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('chains.colFirstResponders'),
      key: 'firstResponders',
      render: (_, c) =>
        c.firstResponders.length > 0
          ? c.firstResponders.map((p) => p.displayName).join(lang === 'zh' ? '、' : ', ')
          : person(null),
    },
    { title: t('chains.colDeptHead'), key: 'deptHead', width: 130, render: (_, c) => person(c.deptHead) },
    {
      title: t('chains.colLeaderInCharge'),
      key: 'leaderInCharge',
      width: 120,
      render: (_, c) => person(c.leaderInCharge),
    },
    {
      title: t('chains.colPrincipalLeader'),
      key: 'principalLeader',
      width: 120,
      render: (_, c) => person(c.principalLeader),
    },
    {
      title: t('chains.colChangedOn'),
      key: 'changedOn',
      width: 120,
      render: (_, c) => c.changedOn ?? '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: isAdmin ? 170 : 90,
      render: (_, c) => (
        <Space size={0} wrap>
          {isAdmin ? (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(c)}
              data-testid={`chain-edit-${c.departmentId}`}
            >
              {t('chains.edit')}
            </Button>
          ) : null}
          <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setViewing(c)}>
            {t('chains.history')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('chains.title')}
        subtitle={t('chains.flow')}
        extra={
          <>
            <DatePicker
              aria-label={t('chains.date')}
              value={dayjs(date, ISO_DATE)}
              allowClear={false}
              onChange={(d) => d && setDate(d.format(ISO_DATE))}
              data-testid="chains-date"
            />
            <Button icon={<DownloadOutlined />} href={rosterXlsxUrl(date)} data-testid="chains-export">
              {t('chains.export')}
            </Button>
            {isAdmin ? (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="chains-import"
              >
                {t('chains.import')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        {roster.isError ? (
          <ErrorBlock error={roster.error} onRetry={() => void roster.refetch()} />
        ) : (
          <Table<Chain>
            rowKey="departmentId"
            size="middle"
            bordered
            columns={columns}
            dataSource={roster.data?.chains ?? []}
            loading={roster.isFetching}
            pagination={false}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <EmptyBlock description={t('chains.empty')} /> }}
          />
        )}
      </Card>
      {isAdmin ? (
        <>
          <ChainEditorDrawer chain={editing} onClose={() => setEditing(null)} />
          <RosterImportModal open={importing} onClose={() => setImporting(false)} />
        </>
      ) : null}
      <ChainHistoryDrawer chain={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
