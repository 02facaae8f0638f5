// Upload an Attachment 3 roster (.xlsx); all-or-nothing, with the server's row errors listed.
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Modal, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { describeImportProblems } from '@bancheng/core';
import type { RosterRowError } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useLang, useT } from '../../../i18n/index.tsx';
import { chinaToday, toIsoDate } from '../../../ui/dates.ts';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useImportRoster } from '../hooks/useChains.ts';

interface Values {
  effectiveFrom: Dayjs;
  file: UploadFile[];
}

function rowErrorsOf(error: unknown): RosterRowError[] | null {
  if (!isApiError(error, 'ROSTER_INVALID')) return null;
  const rows = error.details?.rows;
  if (!Array.isArray(rows)) return [];
  return rows.filter(
    (r): r is RosterRowError =>
      typeof r === 'object' && r !== null && typeof (r as RosterRowError).message === 'string',
  );
}

export function RosterImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const importRoster = useImportRoster();
  const [rowErrors, setRowErrors] = useState<{ summary: string; rows: RosterRowError[] } | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ effectiveFrom: dayjs(chinaToday()), file: [] });
    setRowErrors(null);
  }, [open, form]);

  const onFinish = (values: Values) => {
    const file = values.file[0]?.originFileObj;
    if (!file) return;
    setRowErrors(null);
    importRoster.mutate(
      { effectiveFrom: toIsoDate(values.effectiveFrom), file },
      {
        onSuccess: (result) => {
          message.success(t('chains.imported', { count: result.departments, date: result.effectiveFrom }));
          onClose();
        },
        onError: (e) => {
          const rows = rowErrorsOf(e);
          if (rows && isApiError(e)) setRowErrors({ summary: e.message, rows });
          else showError(e, form, t('chains.importTitle'));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('chains.importTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('chains.importSubmit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: importRoster.isPending, ...testId('roster-import-submit') }}
      width={640}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('chains.importHint')}</Typography.Paragraph>
      <Form form={form} name="rosterImport" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={t('chains.effectiveFrom')}
          name="effectiveFrom"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label={t('chains.importFile')}
          name="file"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[
            {
              validator: (_, value: UploadFile[] | undefined) =>
                value && value.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('chains.fileRequired'))),
            },
          ]}
        >
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            beforeUpload={(file) => {
              if (!file.name.toLowerCase().endsWith('.xlsx')) {
                message.error(t('chains.fileType'));
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('chains.chooseFile')}</Button>
          </Upload>
        </Form.Item>
      </Form>
      {rowErrors ? (
        <>
          <Alert
            type="error"
            showIcon
            title={rowErrors.summary}
            description={t('chains.rowErrors')}
            style={{ marginBottom: 12 }}
          />
          <Table<RosterRowError>
            size="small"
            rowKey={(r) => `${r.row}:${r.message}`}
            dataSource={rowErrors.rows}
            pagination={rowErrors.rows.length > 10 ? { pageSize: 10 } : false}
            columns={[
              {
                title: t('chains.colRow'),
                dataIndex: 'row',
                key: 'row',
                width: 80,
                render: (row: number) => (row > 0 ? row : '—'),
              },
              {
                title: t('chains.colMessage'),
                key: 'message',
                // Worded here from the problems' codes, in the language shown now.
                render: (_, r) =>
                  Array.isArray(r.problems) && r.problems.length > 0
                    ? describeImportProblems(lang, r.problems)
                    : r.message,
              },
            ]}
            data-testid="roster-row-errors"
          />
        </>
      ) : null}
    </Modal>
  );
}
