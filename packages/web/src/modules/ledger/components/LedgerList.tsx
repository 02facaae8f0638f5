// 监督台账: the reports the reader receives or oversees, newest first, with the filters of the issue (state,
// source, unit, department, date, overdue) kept in the URL, the yellow/red light of their orders, an XLSX
// export of exactly what is filtered, and a link to each report's page.
import { Button, Card, DatePicker, Flex, Input, Select, Spin, Switch, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { REPORT_SOURCES, REPORT_STATES } from '@bancheng/core';
import type { ReportSummary } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { formatDateTime, ISO_DATE } from '../../../ui/dates.ts';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import {
  CursorPager,
  cursorParams,
  nextPageParams,
  previousPageParams,
} from '../../../lists/CursorPager.tsx';
import { ListTable } from '../../../lists/ListTable.tsx';
import type { ListColumn } from '../../../lists/ListTable.tsx';
import { EmptyBlock, ErrorBlock } from '../../../ui/QueryState.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { sortedUnits, useOrgTree } from '../../org/hooks/useOrg.ts';
import { ledgerExportUrl, type LedgerQuery } from '../api/ledger.ts';
import { useLedger } from '../hooks/useLedger.ts';
import { OrderLight, ReportSourceTag, ReportStateTag, TriageText } from './ReportTags.tsx';

const FILTER_PARAMS = ['state', 'source', 'unitId', 'departmentId', 'from', 'to', 'overdue', 'q'] as const;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** The list query the URL describes; anything unrecognised is dropped. */
function queryOf(params: URLSearchParams): LedgerQuery {
  const date = (v: string | null) => (v && dayjs(v, ISO_DATE, true).isValid() ? v : undefined);
  const size = Number(params.get('pageSize'));
  return {
    state: oneOf(REPORT_STATES, params.get('state')),
    source: oneOf(REPORT_SOURCES, params.get('source')),
    unitId: params.get('unitId') || undefined,
    departmentId: params.get('departmentId') || undefined,
    from: date(params.get('from')),
    to: date(params.get('to')),
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    q: params.get('q')?.trim() || undefined,
    cursor: cursorParams(params).cursor,
    pageSize: Number.isInteger(size) && size > 0 ? Math.min(size, 100) : 20,
  };
}

/** 涉及单位（科室）: the unit, and the department or counter when the reporter named one. */
export function whereOf(r: {
  unitName: string;
  departmentName: string | null;
  counter: string | null;
}): string {
  const inner = [r.departmentName, r.counter].filter(Boolean).join(' · ');
  return inner ? `${r.unitName}（${inner}）` : r.unitName;
}

function ReportCard({ r }: { r: ReportSummary }) {
  return (
    <Link to={`/ledger/${encodeURIComponent(r.id)}`} data-testid="report-link">
      <Card size="small" hoverable>
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="start" gap={8}>
            <Typography.Text strong>{r.number}</Typography.Text>
            <ReportStateTag state={r.state} outcome={r.outcome} />
          </Flex>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }} data-user-text>
            {r.what}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {whereOf(r)} · {formatDateTime(r.receivedAt)}
          </Typography.Text>
          {r.light ? <OrderLight light={r.light} /> : null}
        </Flex>
      </Card>
    </Link>
  );
}

export function LedgerList({ canRegister }: { canRegister: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const tree = useOrgTree();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const reports = useLedger(query);
  const filtered = FILTER_PARAMS.some((p) => params.has(p));
  const width = (desktop: number) => (isMobile ? 'calc(50% - 4px)' : desktop);
  const units = sortedUnits(tree.data);
  const departments = (query.unitId ? units.filter((u) => u.id === query.unitId) : units).map((u) => ({
    label: u.name,
    title: u.name,
    options: [...u.departments]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((d) => ({ value: d.id, label: d.name, search: `${u.name} ${d.name}` })),
  }));

  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!keepPage) {
      next.delete('cursor');
      next.delete('back');
    }
    setParams(next, { replace: true });
  };

  const columns: ListColumn<ReportSummary>[] = [
    {
      key: 'number',
      title: t('ledger.colNumber'),
      width: 140,
      render: (r) => (
        <Link to={`/ledger/${encodeURIComponent(r.id)}`} data-testid="report-link">
          {r.number}
        </Link>
      ),
    },
    {
      key: 'receivedAt',
      title: t('ledger.colReceivedAt'),
      width: 160,
      render: (r) => <time dateTime={r.receivedAt}>{formatDateTime(r.receivedAt)}</time>,
    },
    {
      key: 'source',
      title: t('ledger.colSource'),
      width: 110,
      render: (r) => <ReportSourceTag source={r.source} />,
    },
    {
      key: 'reporter',
      title: t('ledger.colReporter'),
      width: 90,
      render: (r) =>
        r.reporter.anonymous ? t('report.anonymous') : <span data-user-text>{r.reporter.maskedName}</span>,
    },
    {
      key: 'what',
      title: t('ledger.colWhat'),
      width: 320,
      render: (r) => (
        <Typography.Paragraph
          ellipsis={{ rows: 2 }}
          style={{ margin: 0, wordBreak: 'break-all' }}
          data-testid="report-what"
          data-user-text
        >
          {r.what}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'where',
      title: t('ledger.colWhere'),
      width: 200,
      render: (r) => <span data-user-text>{whereOf(r)}</span>,
    },
    {
      key: 'triage',
      title: t('ledger.colTriage'),
      width: 120,
      render: (r) => <TriageText triage={r.triage} />,
    },
    { key: 'light', title: t('ledger.colLight'), width: 80, render: (r) => <OrderLight light={r.light} /> },
    {
      key: 'state',
      title: t('ledger.colState'),
      width: 150,
      render: (r) => <ReportStateTag state={r.state} outcome={r.outcome} />,
    },
  ];

  const at = cursorParams(params);
  const pager = reports.data ? (
    <CursorPager
      total={reports.data.total}
      totalExact={reports.data.totalExact}
      pageSize={query.pageSize}
      pageIndex={at.cursor === undefined ? 0 : at.back.length + 1}
      nextCursor={reports.data.nextCursor}
      onNext={(cursor) => update(nextPageParams(at, cursor), true)}
      onPrevious={() => update(previousPageParams(at), true)}
      onPageSize={(size) => update({ pageSize: String(size) })}
      compact={isMobile}
    />
  ) : null;
  const empty = <EmptyBlock description={t('ledger.empty')} />;
  const items = reports.data?.items ?? [];

  return (
    <>
      <PageTitle
        title={t('ledger.title')}
        subtitle={t('ledger.subtitle')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={ledgerExportUrl(query)} data-testid="ledger-export">
              {t('ledger.export')}
            </Button>
            {canRegister ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate('/ledger/new')}
                data-testid="ledger-register"
              >
                {t('ledger.register')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            key={query.q ?? ''}
            allowClear
            defaultValue={query.q}
            placeholder={t('ledger.searchPlaceholder')}
            aria-label={t('ledger.searchPlaceholder')}
            enterButton={t('common.search')}
            style={{ width: isMobile ? '100%' : 320 }}
            onSearch={(value) => update({ q: value.trim() })}
            data-testid="ledger-search"
          />
          <Select
            allowClear
            placeholder={t('ledger.filterState')}
            aria-label={t('ledger.filterState')}
            style={{ width: width(150) }}
            value={query.state}
            options={REPORT_STATES.map((s) => ({ value: s, label: t(`reportState.${s}`) }))}
            onChange={(v?: string) => update({ state: v })}
            data-testid="ledger-filter-state"
          />
          <Select
            allowClear
            placeholder={t('ledger.filterSource')}
            aria-label={t('ledger.filterSource')}
            style={{ width: width(140) }}
            value={query.source}
            options={REPORT_SOURCES.map((s) => ({ value: s, label: t(`reportSource.${s}`) }))}
            onChange={(v?: string) => update({ source: v })}
            data-testid="ledger-filter-source"
          />
          <Select
            allowClear
            placeholder={t('ledger.filterUnit')}
            aria-label={t('ledger.filterUnit')}
            style={{ width: width(200) }}
            value={query.unitId}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            onChange={(v?: string) => update({ unitId: v, departmentId: undefined })}
            data-testid="ledger-filter-unit"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'search' }}
            placeholder={t('ledger.filterDepartment')}
            aria-label={t('ledger.filterDepartment')}
            style={{ width: width(200) }}
            value={query.departmentId}
            options={departments}
            onChange={(v?: string) => update({ departmentId: v })}
            data-testid="ledger-filter-department"
          />
          <DatePicker.RangePicker
            aria-label={t('ledger.filterDates')}
            placeholder={[t('ledger.filterDateFrom'), t('ledger.filterDateTo')]}
            style={{ width: isMobile ? '100%' : 260 }}
            value={[
              query.from ? dayjs(query.from, ISO_DATE) : null,
              query.to ? dayjs(query.to, ISO_DATE) : null,
            ]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              update({ from: range?.[0]?.format(ISO_DATE), to: range?.[1]?.format(ISO_DATE) })
            }
            data-testid="ledger-filter-dates"
          />
          <Flex align="center" gap={6}>
            <Switch
              checked={query.overdue === 'true'}
              onChange={(on) => update({ overdue: on ? 'true' : undefined })}
              aria-label={t('ledger.overdueOnly')}
              data-testid="ledger-filter-overdue"
            />
            <Typography.Text>{t('ledger.overdueOnly')}</Typography.Text>
          </Flex>
          {filtered ? (
            <Button
              type="link"
              onClick={() => update(Object.fromEntries(FILTER_PARAMS.map((p) => [p, undefined])))}
            >
              {t('ledger.clearFilters')}
            </Button>
          ) : null}
        </Flex>
        {reports.isError ? (
          <ErrorBlock error={reports.error} onRetry={() => void reports.refetch()} />
        ) : isMobile ? (
          <Spin spinning={reports.isFetching}>
            <Flex vertical gap={8}>
              {items.length === 0 && !reports.isFetching ? empty : null}
              {items.map((r) => (
                <ReportCard key={r.id} r={r} />
              ))}
              {pager}
            </Flex>
          </Spin>
        ) : (
          <ListTable<ReportSummary>
            label={t('ledger.title')}
            columns={columns}
            rows={items}
            rowKey={(r) => r.id}
            rowTestId={(r) => `report-row-${r.number}`}
            loading={reports.isFetching}
            empty={empty}
            minWidth={1370}
          />
        )}
        {isMobile ? null : pager}
      </Card>
    </>
  );
}
