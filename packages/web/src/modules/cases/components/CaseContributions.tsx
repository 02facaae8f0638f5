// 协作配合: on a cross-department case, what each co-department did, and — for the first responders and
// heads of a co-department — a form to record their part. The lead department coordinates the case itself.
import { App, Button, Card, Form, Input, List, Select, Typography } from 'antd';
import type { CaseDetail } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useFormSubmission } from '../../../ui/useFormKeys.ts';
import { useContributions, useRecordContribution } from '../hooks/useContributions.ts';
import { lengthRule, limitCount } from '../../../ui/formRules.ts';

interface Values {
  departmentId: string;
  text: string;
}

export function CaseContributions({ c }: { c: CaseDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const list = useContributions(c.id, c.crossDepartment);
  const record = useRecordContribution(c.id);
  const submission = useFormSubmission();
  if (!c.crossDepartment) return null;
  const names = new Map(c.coDepartments.map((d) => [d.departmentId, d.departmentName]));
  const canRecordFor = list.data?.canRecordFor ?? [];

  const onFinish = (values: Values) => {
    if (!submission.begin()) return;
    record.mutate(
      { body: values, idempotencyKey: submission.keys.keyFor(values) },
      {
        onSuccess: () => {
          submission.keys.reset();
          message.success(t('contributions.saved'));
          form.resetFields(['text']);
        },
        onError: (e) => showError(e, form),
        onSettled: () => submission.end(),
      },
    );
  };

  return (
    <Card title={t('contributions.title')} data-testid="case-contributions">
      <Typography.Paragraph type="secondary">
        {t('contributions.hint', { departments: c.coDepartments.map((d) => d.departmentName).join('、') })}
      </Typography.Paragraph>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ErrorBlock error={list.error} />
      ) : (
        <List
          dataSource={list.data.items}
          locale={{ emptyText: t('contributions.empty') }}
          renderItem={(item) => (
            <List.Item data-testid="contribution">
              <List.Item.Meta
                title={`${item.departmentName} · ${item.person?.displayName ?? ''}`}
                description={formatDateTime(item.at)}
              />
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, maxWidth: '60%' }}>
                {item.text}
              </Typography.Paragraph>
            </List.Item>
          )}
        />
      )}
      {canRecordFor.length > 0 ? (
        <Form
          form={form}
          name="contribution"
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ departmentId: canRecordFor[0] }}
          style={{ marginTop: 16 }}
        >
          <Form.Item label={t('contributions.department')} name="departmentId" rules={[{ required: true }]}>
            <Select options={canRecordFor.map((id) => ({ value: id, label: names.get(id) ?? id }))} />
          </Form.Item>
          <Form.Item
            label={t('contributions.text')}
            name="text"
            rules={[
              lengthRule(5000, t('common.tooLong', { max: 5000 })),
              { required: true, whitespace: true, message: t('common.required') },
            ]}
          >
            <Input.TextArea {...limitCount(5000)} autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={record.isPending}
            disabled={record.isPending}
            data-testid="contribution-submit"
          >
            {t('contributions.submit')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
