// Import one year's schedule from a CSV file (date,kind,name; kind 休/班); all rows or none, with the
// server's row problems listed.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Modal, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { chinaYear } from '../../../ui/dates.ts';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '@bancheng/core';
import { describeImportProblems } from '@bancheng/core';
import type { CalendarImportRowError } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useLang, useT } from '../../../i18n/index.tsx';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useImportCalendarYear } from '../hooks/useCalendar.ts';

interface Values {
  year: number;
  file: UploadFile[];
}

function rowErrorsOf(error: unknown): CalendarImportRowError[] | null {
  if (!isApiError(error, 'VALIDATION_FAILED')) return null;
  const rows = error.details?.rows;
  if (!Array.isArray(rows)) return null;
  return rows.filter(
    (r): r is CalendarImportRowError =>
      typeof r === 'object' && r !== null && typeof (r as CalendarImportRowError).message === 'string',
  );
}

export function ScheduleImportModal({
  open,
  year,
  onClose,
}: {
  open: boolean;
  year: number | null;
  onClose: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const importYear = useImportCalendarYear();
  const [rowErrors, setRowErrors] = useState<{ summary: string; rows: CalendarImportRowError[] } | null>(
    null,
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ year: year ?? chinaYear() + 1, file: [] });
    setRowErrors(null);
  }, [open, year, form]);

  const onFinish = (values: Values) => {
    const file = values.file[0]?.originFileObj;
    if (!file) return;
    setRowErrors(null);
    importYear.mutate(
      { year: values.year, file },
      {
        onSuccess: (saved) => {
          message.success(t('calendar.saved', { year: saved.year }));
          onClose();
        },
        onError: (e) => {
          const rows = rowErrorsOf(e);
          if (rows && isApiError(e)) setRowErrors({ summary: e.message, rows });
          else showError(e, form, t('calendar.importTitle'));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('calendar.importTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('calendar.importSubmit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: importYear.isPending, ...testId('calendar-import-submit') }}
      width={640}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('calendar.importHint')}</Typography.Paragraph>
      <Typography.Paragraph>
        <pre style={{ margin: 0, fontSize: 12 }}>
          {'日期,类型,名称\n2027-01-01,休,元旦\n2027-02-07,班,春节'}
        </pre>
      </Typography.Paragraph>
      <Form form={form} name="calendarImport" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={t('calendar.year')}
          name="year"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber
            min={CALENDAR_MIN_YEAR}
            max={CALENDAR_MAX_YEAR}
            precision={0}
            disabled={year !== null}
          />
        </Form.Item>
        <Form.Item
          label={t('calendar.importFile')}
          name="file"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[
            {
              validator: (_, value: UploadFile[] | undefined) =>
                value && value.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('calendar.fileRequired'))),
            },
          ]}
        >
          <Upload
            accept=".csv,text/csv"
            maxCount={1}
            beforeUpload={(file) => {
              if (!file.name.toLowerCase().endsWith('.csv')) {
                message.error(t('calendar.fileType'));
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('calendar.chooseFile')}</Button>
          </Upload>
        </Form.Item>
      </Form>
      {rowErrors ? (
        <>
          <Alert type="error" showIcon title={rowErrors.summary} style={{ marginBottom: 12 }} />
          <Table<CalendarImportRowError>
            size="small"
            rowKey={(r) => `${r.row}:${r.message}`}
            dataSource={rowErrors.rows}
            pagination={rowErrors.rows.length > 10 ? { pageSize: 10 } : false}
            columns={[
              {
                title: t('calendar.colRow'),
                dataIndex: 'row',
                key: 'row',
                width: 80,
                render: (row: number) => (row > 0 ? row : '—'),
              },
              {
                title: t('calendar.colMessage'),
                key: 'message',
                // Worded here from the problems' codes, in the language shown now.
                render: (_, r) =>
                  Array.isArray(r.problems) && r.problems.length > 0
                    ? describeImportProblems(lang, r.problems)
                    : r.message,
              },
            ]}
            data-testid="calendar-row-errors"
          />
        </>
      ) : null}
    </Modal>
  );
}
