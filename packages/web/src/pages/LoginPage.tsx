import { Card, Flex, Typography } from 'antd';
import { useT } from '../i18n/index.tsx';
import { LangSwitch } from '../ui/LangSwitch.tsx';
import { LoginForm } from '../modules/auth/components/LoginForm.tsx';

export function LoginPage() {
  const t = useT();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #12355b 0%, #1d5c96 100%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Flex justify="end">
          <LangSwitch />
        </Flex>
        <Typography.Title level={2} style={{ textAlign: 'center', marginTop: 8, marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Title level={1} style={{ textAlign: 'center', fontSize: 18, marginTop: 0 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph
          style={{ textAlign: 'center', color: '#c62828', fontWeight: 600, fontSize: 16 }}
          data-testid="slogan"
        >
          {t('app.slogan')}
        </Typography.Paragraph>
        <main>
          <LoginForm />
        </main>
      </Card>
    </Flex>
  );
}
