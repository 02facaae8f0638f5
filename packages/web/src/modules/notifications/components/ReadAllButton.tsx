// 全部已读: the same action, feedback and error handling in the header's panel and on the inbox page.
import type { ReactNode } from 'react';
import { App, Button } from 'antd';
import type { ButtonProps } from 'antd';
import { useT } from '../../../i18n/index.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useMarkAllNotificationsRead } from '../hooks/useNotifications.ts';

export function ReadAllButton(props: {
  unread: number;
  testId: string;
  icon?: ReactNode;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const markAll = useMarkAllNotificationsRead();
  return (
    <Button
      type={props.type}
      size={props.size}
      icon={props.icon}
      disabled={props.unread === 0}
      loading={markAll.isPending}
      onClick={() =>
        markAll.mutate(undefined, {
          onSuccess: () => {
            message.success(t('notifications.allRead'));
          },
          onError: (e) => showError(e, undefined, t('notifications.readAll')),
        })
      }
      data-testid={props.testId}
    >
      {t('notifications.readAll')}
    </Button>
  );
}
