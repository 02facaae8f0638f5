// One modal for adding a unit or department and for renaming either.
import { useEffect } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import type { Department, OrgTree, OrgUnit } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import {
  sortedUnits,
  useCreateDepartment,
  useCreateUnit,
  useRenameDepartment,
  useRenameUnit,
} from '../hooks/useOrg.ts';
import { lengthRule, limitCount } from '../../../ui/formRules.ts';

export type OrgDialog =
  | { kind: 'createUnit'; parentId: string }
  | { kind: 'createDepartment'; unitId?: string }
  | { kind: 'renameUnit'; unit: OrgUnit }
  | { kind: 'renameDepartment'; department: Department };

interface Values {
  name: string;
  unitId?: string;
}

export function OrgNameModal({
  open,
  dialog,
  tree,
  onClose,
}: {
  /** Separate from `dialog` so the title stays put while the modal fades out. */
  open: boolean;
  dialog: OrgDialog | null;
  tree: OrgTree | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const createUnit = useCreateUnit();
  const renameUnit = useRenameUnit();
  const createDepartment = useCreateDepartment();
  const renameDepartment = useRenameDepartment();
  const pending =
    createUnit.isPending || renameUnit.isPending || createDepartment.isPending || renameDepartment.isPending;

  const units = sortedUnits(tree);
  const defaultUnitId =
    dialog?.kind === 'createDepartment'
      ? (dialog.unitId ?? (units.find((u) => u.kind === 'unit') ?? units[0])?.id)
      : undefined;

  useEffect(() => {
    if (!open || !dialog) return;
    form.resetFields();
    if (dialog.kind === 'renameUnit') form.setFieldsValue({ name: dialog.unit.name });
    else if (dialog.kind === 'renameDepartment') form.setFieldsValue({ name: dialog.department.name });
    else if (dialog.kind === 'createDepartment') form.setFieldsValue({ unitId: defaultUnitId });
  }, [open, dialog, form, defaultUnitId]);

  const title = !dialog
    ? ''
    : {
        createUnit: t('org.addUnit'),
        createDepartment: t('org.addDepartment'),
        renameUnit: t('org.renameUnit'),
        renameDepartment: t('org.renameDepartment'),
      }[dialog.kind];
  const nameLabel =
    dialog?.kind === 'createUnit' || dialog?.kind === 'renameUnit'
      ? t('org.unitName')
      : t('org.departmentName');

  const onFinish = (values: Values) => {
    if (!open || !dialog) return;
    const done = (text: string) => () => {
      message.success(text);
      onClose();
    };
    const fail = (e: unknown) => showError(e, form, title);
    const name = values.name.trim();
    switch (dialog.kind) {
      case 'createUnit':
        createUnit.mutate(
          { parentId: dialog.parentId, name },
          { onSuccess: done(t('org.unitCreated')), onError: fail },
        );
        break;
      case 'createDepartment':
        createDepartment.mutate(
          { unitId: values.unitId ?? '', name },
          { onSuccess: done(t('org.departmentCreated')), onError: fail },
        );
        break;
      case 'renameUnit':
        renameUnit.mutate(
          { id: dialog.unit.id, name, version: dialog.unit.version },
          { onSuccess: done(t('org.renamed')), onError: fail },
        );
        break;
      case 'renameDepartment':
        renameDepartment.mutate(
          { id: dialog.department.id, name, version: dialog.department.version },
          { onSuccess: done(t('org.renamed')), onError: fail },
        );
        break;
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: pending, ...testId('org-dialog-submit') }}
      forceRender
    >
      <Form form={form} name="org" layout="vertical" onFinish={onFinish}>
        {dialog?.kind === 'createDepartment' ? (
          <Form.Item
            label={t('org.parentUnit')}
            name="unitId"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={nameLabel}
          name="name"
          rules={[
            lengthRule(60, t('common.tooLong', { max: 60 })),
            { required: true, whitespace: true, message: t('common.required') },
          ]}
        >
          <Input {...limitCount(60)} autoFocus onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
