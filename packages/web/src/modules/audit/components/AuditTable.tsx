// The audit log: who did what, from where, when (China time); details expand as JSON, with the people,
// cases, departments and units it names by id named. Each event's type is named in words, with its code
// beside it to filter by; the subject by its kind and name (a case's number, a person's name).
import { useState } from 'react';
import { Card, Flex, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEventView } from '@bancheng/core';
import { isMessageKey, useT } from '../../../i18n/index.tsx';
import type { TFunction } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { CursorPager } from '../../../lists/CursorPager.tsx';
import { EmptyBlock, ErrorBlock } from '../../../ui/QueryState.tsx';
import { useAudit } from '../hooks/useAudit.ts';

/** The words for an event type or subject type the log holds; null for one the web app does not know. */
function labelOf(t: TFunction, key: string): string | null {
  return isMessageKey(key) ? t(key) : null;
}

function typeLabel(t: TFunction, type: string): string | null {
  return labelOf(t, type.startsWith('case.') ? `caseEvent.${type.slice(5)}` : `auditType.${type}`);
}

/** For the details: an id the server named is shown as "name (id)". */
function namedIds(names: Record<string, string>) {
  return (_key: string, value: unknown) =>
    typeof value === 'string' && Object.hasOwn(names, value) ? `${names[value]} (${value})` : value;
}

export function AuditTable() {
  const t = useT();
  const [type, setType] = useState('');
  const [draft, setDraft] = useState('');
  /** The cursors of this page and the pages before it: [] is the first page. */
  const [cursors, setCursors] = useState<string[]>([]);
  const [pageSize, setPageSize] = useState(50);
  const audit = useAudit({ type: type || undefined, cursor: cursors.at(-1), pageSize });

  const columns: TableColumnsType<AuditEventView> = [
    {
      title: t('audit.colTime'),
      dataIndex: 'occurredAt',
      key: 'time',
      width: 180,
      render: (value: string) => <time dateTime={value}>{formatDateTime(value)}</time>,
    },
    {
      title: t('audit.colType'),
      dataIndex: 'type',
      key: 'type',
      width: 200,
      render: (value: string) => (
        <Flex vertical align="start" gap={2} data-testid="audit-type">
          {typeLabel(t, value)}
          <Tag
            style={{ cursor: 'pointer', fontSize: 11 }}
            onClick={() => {
              setDraft(value);
              setType(value);
              setCursors([]);
            }}
          >
            {value}
          </Tag>
        </Flex>
      ),
    },
    {
      title: t('audit.colActor'),
      key: 'actor',
      width: 130,
      render: (_, e) =>
        e.actorName ?? e.actorId ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.colAddress'),
      dataIndex: 'actorAddress',
      key: 'address',
      width: 140,
      render: (v) => v ?? '—',
    },
    {
      title: t('audit.colSubject'),
      key: 'subject',
      render: (_, e) =>
        e.subjectType ? (
          <Flex vertical gap={2}>
            <span>
              {labelOf(t, `auditSubject.${e.subjectType}`) ?? e.subjectType}
              {e.subjectName ? (
                <>
                  {' '}
                  <Typography.Text strong data-testid="audit-subject-name">
                    {e.subjectName}
                  </Typography.Text>
                </>
              ) : null}
            </span>
            {e.subjectId ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable>
                {e.subjectId}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageTitle title={t('audit.title')} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('audit.filterType')}
            aria-label={t('audit.filterType')}
            enterButton={t('common.search')}
            style={{ width: 320, maxWidth: '100%' }}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              if (e.target.value === '') {
                setType('');
                setCursors([]);
              }
            }}
            onSearch={(value) => {
              setType(value.trim());
              setCursors([]);
            }}
          />
        </Flex>
        {audit.isError ? (
          <ErrorBlock error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditEventView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={audit.data?.items ?? []}
            loading={audit.isFetching}
            scroll={{ x: 900 }}
            locale={{ emptyText: <EmptyBlock description={t('audit.empty')} /> }}
            expandable={{
              columnTitle: t('audit.colDetails'),
              expandedRowRender: (e) => (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
                  {JSON.stringify(e.payload, namedIds(e.names), 2)}
                </pre>
              ),
            }}
            pagination={false}
          />
        )}
        {audit.data ? (
          <CursorPager
            total={audit.data.total}
            totalExact={audit.data.totalExact}
            pageSize={pageSize}
            pageIndex={cursors.length}
            nextCursor={audit.data.nextCursor}
            onNext={(cursor) => setCursors([...cursors, cursor])}
            onPrevious={() => setCursors(cursors.slice(0, -1))}
            onPageSize={(size) => {
              setCursors([]);
              setPageSize(size);
            }}
          />
        ) : null}
      </Card>
    </>
  );
}
