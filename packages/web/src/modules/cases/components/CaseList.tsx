// 事项: the case list with its four views (to-do, mine, my department, all) and filters, kept in the URL
// so that the menu can link to the to-do view and the back button returns to the same filtered page.
import { Button, Card, Flex, Input, Spin, Switch, Tabs, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { CASE_STATES, CASE_VIEWS, CHANNELS, MATTER_TYPES } from '@bancheng/core';
import type { CaseState, CaseSummary } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/index.tsx';
import { formatDateTime, ISO_DATE } from '../../../ui/dates.ts';
import { lazyComponent } from '../../../ui/lazyComponent.ts';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import {
  CursorPager,
  cursorParams,
  nextPageParams,
  previousPageParams,
} from '../../../lists/CursorPager.tsx';
import { LazySelect } from '../../../lists/LazySelect.tsx';
import { ListTable } from '../../../lists/ListTable.tsx';
import type { ListColumn } from '../../../lists/ListTable.tsx';
import { EmptyBlock, ErrorBlock } from '../../../ui/QueryState.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { departmentOptions, useOrgTree } from '../../org/hooks/useOrg.ts';
import type { CasesQuery } from '../api/cases.ts';
import { useCases } from '../hooks/useCases.ts';
import { CaseStateTag, ClockLight, DueText } from './CaseTags.tsx';

const DateRangeFilter = lazyComponent(() => import('./DateRangeFilter.tsx').then((m) => m.DateRangeFilter));

type View = (typeof CASE_VIEWS)[number];
type Channel = (typeof CHANNELS)[number];
type MatterType = (typeof MATTER_TYPES)[number];

const VIEW_LABELS: Record<View, MessageKey> = {
  todo: 'cases.tabTodo',
  mine: 'cases.tabMine',
  department: 'cases.tabDepartment',
  all: 'cases.tabAll',
};

const FILTER_PARAMS = [
  'state',
  'overdue',
  'open',
  'refused',
  'matterType',
  'channel',
  'departmentId',
  'from',
  'to',
  'q',
] as const;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The list query the URL describes; anything unrecognised is dropped. Plain /cases is everything I may see. */
function queryOf(params: URLSearchParams): CasesQuery {
  const date = (v: string | null) => (v && dayjs(v, ISO_DATE, true).isValid() ? v : undefined);
  return {
    view: oneOf(CASE_VIEWS, params.get('view')) ?? 'all',
    state: oneOf(CASE_STATES, params.get('state')),
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    open: params.get('open') === 'true' ? 'true' : undefined,
    refused: params.get('refused') === 'true' ? 'true' : undefined,
    matterType: oneOf(MATTER_TYPES, params.get('matterType')),
    channel: oneOf(CHANNELS, params.get('channel')),
    departmentId: params.get('departmentId') || undefined,
    from: date(params.get('from')),
    to: date(params.get('to')),
    q: params.get('q')?.trim() || undefined,
    cursor: cursorParams(params).cursor,
    pageSize: Math.min(positive(params.get('pageSize'), 20), 100),
  };
}

/** One case on a phone: a tappable card instead of a table row. */
function CaseCard({ c }: { c: CaseSummary }) {
  const t = useT();
  return (
    <Link to={`/cases/${encodeURIComponent(c.id)}`} data-testid="case-link">
      <Card size="small" hoverable>
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="start" gap={8}>
            <Typography.Text strong>{c.matterTitle}</Typography.Text>
            <CaseStateTag state={c.state} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.number} · {c.applicantName} · {t(`matterType.${c.matterType}`)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.departmentName} · {formatDateTime(c.receivedAt)}
          </Typography.Text>
          {c.dueDate || c.levelDue ? (
            <Flex gap={4} align="center">
              <ClockLight light={c.light} />
              <DueText c={c} />
            </Flex>
          ) : null}
        </Flex>
      </Card>
    </Link>
  );
}

export function CaseList({ canRegister }: { canRegister: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const tree = useOrgTree();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const cases = useCases(query);
  const filtered = FILTER_PARAMS.some((p) => params.has(p));
  /** Filters sit two to a row on phones. */
  const width = (desktop: number) => (isMobile ? 'calc(50% - 4px)' : desktop);
  const dateWidth = isMobile ? '100%' : 260;

  /** Changes some parameters; any filter change goes back to the first page. */
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

  const columns: ListColumn<CaseSummary>[] = [
    {
      key: 'number',
      title: t('cases.colNumber'),
      width: 130,
      render: (c) => (
        <Link to={`/cases/${encodeURIComponent(c.id)}`} data-testid="case-link">
          {c.number}
        </Link>
      ),
    },
    {
      key: 'matter',
      title: t('cases.colMatter'),
      width: 250,
      render: (c) => (
        <div>
          <Typography.Text>{c.matterTitle}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`matterType.${c.matterType}`)} · {t(`channel.${c.channel}`)}
          </Typography.Text>
        </div>
      ),
    },
    // The clock columns come early, so a 1366-px screen shows them without scrolling.
    { key: 'light', title: t('cases.colLight'), width: 72, render: (c) => <ClockLight light={c.light} /> },
    { key: 'due', title: t('cases.colDue'), width: 170, render: (c) => <DueText c={c} /> },
    { key: 'applicant', title: t('cases.colApplicant'), width: 140, render: (c) => c.applicantName },
    { key: 'state', title: t('cases.colState'), width: 160, render: (c) => <CaseStateTag state={c.state} /> },
    { key: 'department', title: t('cases.colDepartment'), width: 150, render: (c) => c.departmentName },
    {
      key: 'firstResponder',
      title: t('cases.colFirstResponder'),
      width: 110,
      render: (c) => c.firstResponder.displayName,
    },
    {
      key: 'receivedAt',
      title: t('cases.colReceivedAt'),
      width: 170,
      render: (c) => <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt)}</time>,
    },
  ];

  const at = cursorParams(params);
  const pager = cases.data ? (
    <CursorPager
      total={cases.data.total}
      totalExact={cases.data.totalExact}
      pageSize={query.pageSize}
      pageIndex={at.cursor === undefined ? 0 : at.back.length + 1}
      nextCursor={cases.data.nextCursor}
      onNext={(cursor) => update(nextPageParams(at, cursor), true)}
      onPrevious={() => update(previousPageParams(at), true)}
      onPageSize={(size) => update({ pageSize: String(size) })}
      compact={isMobile}
    />
  ) : null;
  const empty = <EmptyBlock description={query.view === 'todo' ? t('cases.emptyTodo') : t('cases.empty')} />;

  return (
    <>
      <PageTitle
        title={query.view === 'todo' ? t('cases.todoTitle') : t('cases.title')}
        extra={
          canRegister ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/cases/new')}
              data-testid="case-register"
            >
              {t('cases.register')}
            </Button>
          ) : undefined
        }
      />
      <Card>
        <Tabs
          activeKey={query.view}
          onChange={(view) => update({ view })}
          items={CASE_VIEWS.map((view) => ({
            key: view,
            label: <span data-testid={`cases-tab-${view}`}>{t(VIEW_LABELS[view])}</span>,
          }))}
        />
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            key={query.q ?? ''}
            allowClear
            defaultValue={query.q}
            placeholder={t('cases.searchPlaceholder')}
            aria-label={t('cases.searchPlaceholder')}
            enterButton={t('common.search')}
            style={{ width: isMobile ? '100%' : 320 }}
            onSearch={(value) => update({ q: value.trim() })}
            data-testid="cases-search"
          />
          <LazySelect<CaseState>
            allowClear
            placeholder={t('cases.filterState')}
            aria-label={t('cases.filterState')}
            style={{ width: width(180) }}
            value={query.state}
            options={CASE_STATES.map((s) => ({ value: s, label: t(`caseState.${s}`) }))}
            onChange={(v) => update({ state: v })}
            data-testid="cases-filter-state"
          />
          <LazySelect<MatterType>
            allowClear
            placeholder={t('cases.filterMatterType')}
            aria-label={t('cases.filterMatterType')}
            style={{ width: width(200) }}
            value={query.matterType}
            options={MATTER_TYPES.map((m) => ({ value: m, label: t(`matterType.${m}`) }))}
            onChange={(v) => update({ matterType: v })}
            data-testid="cases-filter-matterType"
          />
          <LazySelect<Channel>
            allowClear
            placeholder={t('cases.filterChannel')}
            aria-label={t('cases.filterChannel')}
            style={{ width: width(140) }}
            value={query.channel}
            options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            onChange={(v) => update({ channel: v })}
            data-testid="cases-filter-channel"
          />
          <LazySelect<string>
            allowClear
            placeholder={t('cases.filterDepartment')}
            aria-label={t('cases.filterDepartment')}
            style={{ width: width(200) }}
            value={query.departmentId}
            options={departmentOptions(tree.data)}
            searchable
            onChange={(v) => update({ departmentId: v })}
            data-testid="cases-filter-department"
          />
          <Suspense fallback={<Input disabled style={{ width: dateWidth }} aria-hidden />}>
            <DateRangeFilter
              label={t('cases.filterDates')}
              placeholder={[t('cases.filterDateFrom'), t('cases.filterDateTo')]}
              width={dateWidth}
              from={query.from}
              to={query.to}
              onChange={(from, to) => update({ from, to })}
            />
          </Suspense>
          <Flex align="center" gap={6}>
            <Switch
              checked={query.overdue === 'true'}
              onChange={(on) => update({ overdue: on ? 'true' : undefined })}
              aria-label={t('cases.overdueOnly')}
              data-testid="cases-filter-overdue"
            />
            <Typography.Text>{t('cases.overdueOnly')}</Typography.Text>
          </Flex>
          {/* Set by the home page's counts (未办结, 已说“不”): shown so the list says what it holds. */}
          {query.open === 'true' ? (
            <Tag closable onClose={() => update({ open: undefined })} data-testid="cases-filter-open">
              {t('overview.open')}
            </Tag>
          ) : null}
          {query.refused === 'true' ? (
            <Tag closable onClose={() => update({ refused: undefined })} data-testid="cases-filter-refused">
              {t('overview.refused')}
            </Tag>
          ) : null}
          {filtered ? (
            <Button
              type="link"
              onClick={() => update(Object.fromEntries(FILTER_PARAMS.map((p) => [p, undefined])))}
            >
              {t('cases.clearFilters')}
            </Button>
          ) : null}
        </Flex>
        {cases.isError ? (
          <ErrorBlock error={cases.error} onRetry={() => void cases.refetch()} />
        ) : isMobile ? (
          <Spin spinning={cases.isFetching}>
            <Flex vertical gap={8}>
              {(cases.data?.items ?? []).length === 0 ? empty : null}
              {(cases.data?.items ?? []).map((c) => (
                <CaseCard key={c.id} c={c} />
              ))}
              {pager}
            </Flex>
          </Spin>
        ) : (
          <ListTable<CaseSummary>
            label={query.view === 'todo' ? t('cases.todoTitle') : t('cases.title')}
            columns={columns}
            rows={cases.data?.items ?? []}
            rowKey={(c) => c.id}
            rowTestId={(c) => `case-row-${c.number}`}
            loading={cases.isFetching}
            empty={empty}
            minWidth={1360}
          />
        )}
        {isMobile ? null : pager}
      </Card>
    </>
  );
}
