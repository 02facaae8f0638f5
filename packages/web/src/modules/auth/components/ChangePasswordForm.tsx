import { App, Button, Form, Input } from 'antd';
import type { ChangePasswordBody } from '@bancheng/core';
import { useLang, useT } from '../../../i18n/index.tsx';
import { PasswordHints, passwordPolicyRule } from '../../../ui/PasswordHints.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useChangePassword } from '../hooks/useAuth.ts';

interface Values extends ChangePasswordBody {
  confirmPassword: string;
}

export function ChangePasswordForm({ username, onDone }: { username: string; onDone?: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const mutation = useChangePassword();
  const showError = useApiError();

  const onFinish = ({ currentPassword, newPassword: next }: Values) => {
    mutation.mutate(
      { currentPassword, newPassword: next },
      {
        onSuccess: () => {
          message.success(t('password.changed'));
          form.resetFields();
          onDone?.();
        },
        onError: (e) => showError(e, form, t('password.title')),
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
      <Form.Item
        label={t('password.current')}
        name="currentPassword"
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label={t('password.new')}
        name="newPassword"
        rules={[{ required: true, message: t('common.required') }, passwordPolicyRule(lang, () => username)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <PasswordHints password={newPassword} username={username} />
      <Form.Item
        label={t('password.confirm')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator(_, value) {
              return !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch')));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="password-submit">
        {t('password.submit')}
      </Button>
    </Form>
  );
}
