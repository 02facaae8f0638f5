// Add a matter to a department's list, or edit one.
import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { MATTER_TYPES } from '@bancheng/core';
import type { Matter, MatterType } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useCreateMatter, useUpdateMatter } from '../hooks/useMatters.ts';
import { lengthRule, limitCount } from '../../../ui/formRules.ts';

interface Values {
  title: string;
  matterType: MatterType;
  timeLimitWorkdays?: number | null;
  remarks?: string;
}

export function MatterFormModal({
  open,
  departmentId,
  matter,
  onClose,
}: {
  open: boolean;
  departmentId: string;
  /** The matter to edit; undefined to add a new one. */
  matter?: Matter;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const create = useCreateMatter();
  const update = useUpdateMatter();
  const title = matter ? t('matters.edit') : t('matters.create');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (matter) {
      form.setFieldsValue({
        title: matter.title,
        matterType: matter.matterType,
        timeLimitWorkdays: matter.timeLimitWorkdays,
        remarks: matter.remarks ?? undefined,
      });
    }
  }, [open, matter, form]);

  const onFinish = (values: Values) => {
    const body = {
      title: values.title.trim(),
      matterType: values.matterType,
      timeLimitWorkdays: values.timeLimitWorkdays ?? null,
      remarks: values.remarks?.trim() ? values.remarks.trim() : null,
    };
    const handlers = {
      onSuccess: () => {
        message.success(matter ? t('matters.updated') : t('matters.created'));
        onClose();
      },
      onError: (e: unknown) => showError(e, form, title),
    };
    if (matter) update.mutate({ id: matter.id, body: { ...body, version: matter.version } }, handlers);
    else create.mutate({ departmentId, body }, handlers);
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending || update.isPending, ...testId('matter-submit') }}
      forceRender
    >
      <Form form={form} name="matter" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={t('matters.colTitle')}
          name="title"
          rules={[
            lengthRule(200, t('common.tooLong', { max: 200 })),
            { required: true, whitespace: true, message: t('common.required') },
          ]}
        >
          <Input {...limitCount(200)} data-testid="matter-title" />
        </Form.Item>
        <Form.Item
          label={t('matters.colType')}
          name="matterType"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select<MatterType>
            data-testid="matter-type"
            options={MATTER_TYPES.map((m) => ({ value: m, label: t(`matterType.${m}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('matters.timeLimit')} name="timeLimitWorkdays" extra={t('matters.timeLimitHint')}>
          <InputNumber<number> min={1} max={365} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          label={t('matters.colRemarks')}
          name="remarks"
          rules={[lengthRule(1000, t('common.tooLong', { max: 1000 }))]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} {...limitCount(1000)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
