import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';

function BackHome() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => void navigate('/')}>
      {t('common.backHome')}
    </Button>
  );
}

export function NotFoundPage() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('common.notFound')} extra={<BackHome />} />;
}

export function ForbiddenPage() {
  const t = useT();
  return <Result status="403" title="403" subTitle={t('common.forbidden')} extra={<BackHome />} />;
}
