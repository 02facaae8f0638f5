// Add a person, or edit one (username and password are not editable here).
import { useEffect } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { ROLES } from '@bancheng/core';
import type { CreatePersonBody, Person, Role } from '@bancheng/core';
import { useLang, useT } from '../../../i18n/index.tsx';
import { PasswordHints, passwordPolicyRule } from '../../../ui/PasswordHints.tsx';
import { lengthRule, limitCount, phoneRule } from '../../../ui/formRules.ts';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { departmentOptions, useOrgTree } from '../../org/hooks/useOrg.ts';
import { useCreatePerson, useUpdatePerson } from '../hooks/usePeople.ts';

interface Values {
  username: string;
  displayName: string;
  departmentId: string;
  roles: Role[];
  phone?: string;
  email?: string;
  password: string;
}

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function PersonFormModal({
  open,
  person,
  onClose,
}: {
  open: boolean;
  /** The person to edit; undefined to add a new one. */
  person?: Person;
  onClose: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const tree = useOrgTree();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const password = Form.useWatch('password', form) ?? '';
  const username = Form.useWatch('username', form) ?? '';
  const editing = person !== undefined;
  const title = editing ? t('people.edit') : t('people.create');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (person) {
      form.setFieldsValue({
        username: person.username,
        displayName: person.displayName,
        departmentId: person.departmentId,
        roles: person.roles,
        phone: person.phone ?? undefined,
        email: person.email ?? undefined,
      });
    } else {
      form.setFieldsValue({ roles: ['firstResponder'] });
    }
  }, [open, person, form]);

  const onFinish = (values: Values) => {
    const onError = (e: unknown) => showError(e, form, title);
    if (person) {
      update.mutate(
        {
          id: person.id,
          body: {
            displayName: values.displayName.trim(),
            departmentId: values.departmentId,
            roles: values.roles,
            phone: blankToNull(values.phone),
            email: blankToNull(values.email),
            version: person.version,
          },
        },
        {
          onSuccess: () => {
            message.success(t('people.updated'));
            onClose();
          },
          onError,
        },
      );
    } else {
      const body: CreatePersonBody = {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        departmentId: values.departmentId,
        roles: values.roles,
        password: values.password,
      };
      const phone = blankToNull(values.phone);
      const email = blankToNull(values.email);
      if (phone) body.phone = phone;
      if (email) body.email = email;
      create.mutate(body, {
        onSuccess: () => {
          message.success(t('people.created'));
          onClose();
        },
        onError,
      });
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
      okButtonProps={{ loading: create.isPending || update.isPending, ...testId('person-submit') }}
      forceRender
    >
      <Form form={form} name="person" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={t('people.username')}
          name="username"
          extra={editing ? undefined : t('people.usernameHint')}
          rules={
            editing
              ? []
              : [
                  { required: true, message: t('common.required') },
                  { pattern: /^[a-z][a-z0-9._-]{1,31}$/, message: t('people.usernameInvalid') },
                ]
          }
        >
          <Input disabled={editing} autoComplete="off" {...limitCount(32)} />
        </Form.Item>
        <Form.Item
          label={t('people.displayName')}
          name="displayName"
          rules={[
            lengthRule(40, t('common.tooLong', { max: 40 })),
            { required: true, whitespace: true, message: t('common.required') },
          ]}
        >
          <Input {...limitCount(40)} />
        </Form.Item>
        <Form.Item
          label={t('people.department')}
          name="departmentId"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            loading={tree.isPending}
            options={departmentOptions(tree.data)}
            showSearch={{ optionFilterProp: 'search' }}
          />
        </Form.Item>
        <Form.Item label={t('people.roles')} name="roles">
          <Select
            mode="multiple"
            allowClear
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item
          label={t('people.phone')}
          name="phone"
          rules={[lengthRule(20, t('common.tooLong', { max: 20 })), phoneRule(t('people.phoneInvalid'))]}
        >
          <Input {...limitCount(20)} inputMode="tel" />
        </Form.Item>
        <Form.Item
          label={t('people.email')}
          name="email"
          rules={[
            lengthRule(120, t('common.tooLong', { max: 120 })),
            { type: 'email', message: t('people.emailInvalid') },
          ]}
        >
          <Input {...limitCount(120)} inputMode="email" />
        </Form.Item>
        {editing ? null : (
          <>
            <Form.Item
              label={t('people.initialPassword')}
              name="password"
              extra={t('people.initialPasswordHint')}
              rules={[
                { required: true, message: t('common.required') },
                passwordPolicyRule(lang, () => form.getFieldValue('username') as string | undefined),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <PasswordHints password={password} username={username} />
          </>
        )}
      </Form>
    </Modal>
  );
}
