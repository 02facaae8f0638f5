// Set a new one-time password for a person; they must change it at their next sign-in.
import { useEffect } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import type { Person } from '@bancheng/core';
import { useLang, useT } from '../../../i18n/index.tsx';
import { PasswordHints, passwordPolicyRule } from '../../../ui/PasswordHints.tsx';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useSticky } from '../../../ui/useSticky.ts';
import { useResetPassword } from '../hooks/usePeople.ts';

export function ResetPasswordModal({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const reset = useResetPassword();
  const showError = useApiError();
  const shown = useSticky(person);

  useEffect(() => {
    if (person) form.resetFields();
  }, [person, form]);

  const onFinish = ({ newPassword: value }: { newPassword: string }) => {
    if (!person) return;
    modal.confirm({
      title: t('people.resetPasswordConfirm', { name: person.displayName }),
      content: t('people.resetPasswordHint'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        reset
          .mutateAsync({ id: person.id, newPassword: value, version: person.version })
          .then(() => {
            message.success(t('people.passwordReset'));
            onClose();
          })
          .catch((e: unknown) => showError(e, form, t('people.resetPassword'))),
    });
  };

  return (
    <Modal
      open={person !== null}
      title={shown ? t('people.resetPasswordTitle', { name: shown.displayName }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('people.resetPassword')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: reset.isPending, ...testId('reset-password-submit') }}
      forceRender
    >
      <Alert type="info" showIcon title={t('people.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <Form form={form} name="resetPassword" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={t('password.new')}
          name="newPassword"
          rules={[
            { required: true, message: t('common.required') },
            passwordPolicyRule(lang, () => person?.username),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PasswordHints password={newPassword} username={shown?.username} />
      </Form>
    </Modal>
  );
}
