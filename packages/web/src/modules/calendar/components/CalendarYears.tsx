// 节假日安排: each loaded year with its days off and worked weekends and where it came from (shipped with
// the system, typed in the form, imported from a file); the form and the CSV import; and what is missing.
import { useState } from 'react';
import { Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { CalendarSource, CalendarYearSummary, ScheduleDay } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { testId } from '../../../ui/testId.ts';
import { useCalendarYear, useCalendarYears } from '../hooks/useCalendar.ts';
import { CalendarWarning } from './CalendarWarning.tsx';
import { ScheduleImportModal } from './ScheduleImportModal.tsx';
import { YearScheduleModal } from './YearScheduleModal.tsx';

const SOURCE_COLORS: Record<CalendarSource, string> = { shipped: 'default', form: 'blue', import: 'green' };

/** Consecutive days of one name as one range (春节 02-06 – 02-13), as the notice writes them. */
function rangesOf(days: readonly ScheduleDay[]): { name: string; from: string; to: string }[] {
  const ranges: { name: string; from: string; to: string }[] = [];
  for (const d of days) {
    const last = ranges.at(-1);
    const next = last ? new Date(Date.parse(`${last.to}T00:00:00Z`) + 86_400_000) : null;
    if (last && last.name === d.name && next?.toISOString().slice(0, 10) === d.date) last.to = d.date;
    else ranges.push({ name: d.name, from: d.date, to: d.date });
  }
  return ranges;
}

function DayRanges({ days, color }: { days: readonly ScheduleDay[]; color: string }) {
  const t = useT();
  if (days.length === 0) return <Typography.Text type="secondary">{t('calendar.none')}</Typography.Text>;
  return (
    <Flex wrap gap={6}>
      {rangesOf(days).map((r) => (
        <Tag key={r.from} color={color}>
          {r.name} {r.from === r.to ? r.from.slice(5) : `${r.from.slice(5)} – ${r.to.slice(5)}`}
        </Tag>
      ))}
    </Flex>
  );
}

function YearDays({ year }: { year: number }) {
  const t = useT();
  const detail = useCalendarYear(year);
  if (detail.isPending) return <LoadingBlock />;
  if (detail.isError) return <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />;
  return (
    <Flex vertical gap={8} {...testId(`calendar-days-${year}`)}>
      <div>
        <Typography.Text strong>{t('calendar.holidays')}</Typography.Text>
        <DayRanges days={detail.data.holidays} color="red" />
      </div>
      <div>
        <Typography.Text strong>{t('calendar.workdays')}</Typography.Text>
        <DayRanges days={detail.data.workdays} color="blue" />
      </div>
    </Flex>
  );
}

/** The form, opened for a year: with the year as loaded now when there is one. */
function EditYear({ year, onClose }: { year: number | null; onClose: () => void }) {
  const current = useCalendarYear(year);
  const loaded = year === null || current.isSuccess || current.isError;
  return <YearScheduleModal open={loaded} year={year} current={current.data} onClose={onClose} />;
}

export function CalendarYears({ canManage }: { canManage: boolean }) {
  const t = useT();
  const years = useCalendarYears();
  const [editing, setEditing] = useState<{ year: number | null } | null>(null);
  const [importing, setImporting] = useState<{ year: number | null } | null>(null);

  const columns: TableColumnsType<CalendarYearSummary> = [
    { title: t('calendar.year'), dataIndex: 'year', key: 'year', width: 90 },
    {
      title: t('calendar.source'),
      key: 'source',
      render: (_, y) => (
        <Tag color={SOURCE_COLORS[y.source]} data-testid={`calendar-source-${y.year}`}>
          {t(`calendar.source.${y.source}`)}
        </Tag>
      ),
    },
    { title: t('calendar.holidayCount'), dataIndex: 'holidayCount', key: 'holidays' },
    { title: t('calendar.workdayCount'), dataIndex: 'workdayCount', key: 'workdays' },
    {
      title: t('calendar.updatedAt'),
      key: 'updatedAt',
      render: (_, y) => formatDateTime(y.updatedAt),
    },
    ...(canManage
      ? [
          {
            title: t('calendar.actions'),
            key: 'actions',
            render: (_: unknown, y: CalendarYearSummary) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing({ year: y.year })}
                {...testId(`calendar-edit-${y.year}`)}
              >
                {t('calendar.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const items = [...(years.data?.items ?? [])].sort((a, b) => b.year - a.year);
  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        extra={
          canManage ? (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ year: null })}
                {...testId('calendar-add')}
              >
                {t('calendar.add')}
              </Button>
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting({ year: null })}
                {...testId('calendar-import')}
              >
                {t('calendar.import')}
              </Button>
            </>
          ) : null
        }
      />
      <CalendarWarning canManage={canManage} withLink={false} />
      <Card>
        {years.isError ? (
          <ErrorBlock error={years.error} onRetry={() => void years.refetch()} />
        ) : (
          <Table<CalendarYearSummary>
            rowKey="year"
            size="middle"
            loading={years.isPending}
            dataSource={items}
            columns={columns}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            expandable={{ expandedRowRender: (y) => <YearDays year={y.year} /> }}
            data-testid="calendar-years"
          />
        )}
      </Card>
      {editing ? <EditYear year={editing.year} onClose={() => setEditing(null)} /> : null}
      <ScheduleImportModal
        open={importing !== null}
        year={importing?.year ?? null}
        onClose={() => setImporting(null)}
      />
    </Flex>
  );
}
