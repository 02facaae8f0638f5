import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { useLogin } from '../hooks/useAuth.ts';

export function LoginForm() {
  const t = useT();
  const [form] = Form.useForm<LoginBody>();
  const loginMutation = useLogin();
  const [error, setError] = useState<string | null>(null);

  const onFinish = (values: LoginBody) => {
    setError(null);
    loginMutation.mutate(values, {
      onError: (e) => {
        setError(isApiError(e) ? e.message : t('error.unexpected'));
        if (isApiError(e) && e.fields) {
          const known = ['username', 'password'] as const;
          form.setFields(
            known
              .filter((name) => e.fields?.[name])
              .map((name) => ({ name, errors: [e.fields?.[name] ?? ''] })),
          );
        }
      },
    });
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('login.failed')}
          description={error}
          style={{ marginBottom: 16 }}
          role="alert"
          data-testid="login-error"
        />
      ) : null}
      <Form.Item
        label={t('login.username')}
        name="username"
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input id="username" name="username" prefix={<UserOutlined />} autoComplete="username" size="large" />
      </Form.Item>
      <Form.Item
        label={t('login.password')}
        name="password"
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password
          id="password"
          name="password"
          prefix={<LockOutlined />}
          autoComplete="current-password"
          size="large"
        />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={loginMutation.isPending}
        data-testid="login-submit"
      >
        {t('login.submit')}
      </Button>
    </Form>
  );
}
