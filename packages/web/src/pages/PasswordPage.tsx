import { Alert, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import type { Me } from '@bancheng/core';
import { useT } from '../i18n/index.tsx';
import { LangSwitch } from '../ui/LangSwitch.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { ChangePasswordForm } from '../modules/auth/components/ChangePasswordForm.tsx';
import { useLogout } from '../modules/auth/hooks/useAuth.ts';

/** Voluntary change, inside the signed-in layout. */
export function PasswordPage({ me }: { me: Me }) {
  const t = useT();
  return (
    <>
      <PageTitle title={t('password.title')} />
      <Card>
        <ChangePasswordForm username={me.username} />
      </Card>
    </>
  );
}

/** Forced change: the only page while Me.mustChangePassword is true. */
export function ForcedPasswordPage({ me }: { me: Me }) {
  const t = useT();
  const logout = useLogout();
  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f5f7fa' }}>
      <Card style={{ width: '100%', maxWidth: 520, alignSelf: 'flex-start', marginTop: '6vh' }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text strong>{t('app.title')}</Typography.Text>
          <Flex gap={4}>
            <LangSwitch />
            <Popconfirm
              title={t('header.logoutConfirm')}
              okText={t('header.logout')}
              cancelText={t('common.cancel')}
              onConfirm={() => void logout.mutateAsync().catch(() => undefined)}
            >
              <Button type="text" icon={<LogoutOutlined />} loading={logout.isPending} data-testid="logout">
                {t('header.logout')}
              </Button>
            </Popconfirm>
          </Flex>
        </Flex>
        <main>
          <Typography.Title level={3}>{t('password.forcedTitle')}</Typography.Title>
          <Alert type="warning" showIcon title={t('password.forcedHint')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph>
            {me.displayName}（{me.username}）
          </Typography.Paragraph>
          <ChangePasswordForm username={me.username} />
        </main>
      </Card>
    </Flex>
  );
}
