// Loading, error and empty states shared by every page.
import type { ReactNode } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import { isApiError } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

export function LoadingBlock({ fullPage = false }: { fullPage?: boolean }) {
  const t = useT();
  return (
    <div
      role="status"
      style={{
        display: 'flex',
        justifyContent: 'center',
        alignItems: 'center',
        padding: 48,
        minHeight: fullPage ? '100vh' : undefined,
      }}
    >
      <Spin description={t('common.loading')} />
    </div>
  );
}

export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const message = isApiError(error) ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyBlock({ description, children }: { description: string; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {children}
    </Empty>
  );
}
