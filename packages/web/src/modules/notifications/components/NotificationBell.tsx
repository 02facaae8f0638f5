// The header bell: the unread count (asked for every minute and whenever the window regains focus) and,
// on click, the latest ten with 全部已读 and a link to the whole inbox. Opening one marks it read.
import { useState } from 'react';
import { Badge, Button, Drawer, Flex, Popover, Spin, Typography } from 'antd';
import { BellOutlined, CloseOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { NotificationView } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { EmptyBlock, ErrorBlock } from '../../../ui/QueryState.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useNotifications, useReadOnOpen } from '../hooks/useNotifications.ts';
import { NotificationItem } from './NotificationItem.tsx';
import { ReadAllButton } from './ReadAllButton.tsx';

/** How many the panel shows; the rest are on /notifications. */
export const BELL_SHOWN = 10;

export function NotificationBell({ color = '#fff' }: { color?: string }) {
  const t = useT();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const latest = useNotifications({ page: 1, pageSize: BELL_SHOWN }, { poll: true });
  const readOnOpen = useReadOnOpen();
  const unread = latest.data?.unreadCount ?? 0;

  const onOpen = (n: NotificationView) => {
    setOpen(false);
    readOnOpen(n);
  };

  const panel = (
    <div data-testid="notifications-panel" style={{ width: isMobile ? '100%' : 400, maxWidth: '100%' }}>
      <Flex
        justify="space-between"
        align="center"
        gap={8}
        style={{ padding: '10px 12px', borderBottom: '1px solid #f0f0f0' }}
      >
        <Typography.Text strong style={{ flex: '1 1 auto' }}>
          {t('notifications.title')}
          {unread > 0 ? (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
              {t('notifications.unreadCount', { count: unread })}
            </Typography.Text>
          ) : null}
        </Typography.Text>
        <ReadAllButton type="link" size="small" unread={unread} testId="notifications-read-all" />
        {isMobile ? (
          <Button
            type="text"
            size="small"
            icon={<CloseOutlined />}
            aria-label={t('common.close')}
            onClick={() => setOpen(false)}
          />
        ) : null}
      </Flex>
      <div style={{ maxHeight: isMobile ? '60vh' : 440, overflowY: 'auto', marginTop: -1 }}>
        {latest.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : latest.isError ? (
          <div style={{ padding: 12 }}>
            <ErrorBlock error={latest.error} onRetry={() => void latest.refetch()} />
          </div>
        ) : latest.data.items.length === 0 ? (
          <div style={{ padding: 16 }}>
            <EmptyBlock description={t('notifications.empty')} />
          </div>
        ) : (
          latest.data.items.map((n) => <NotificationItem key={n.id} n={n} compact onOpen={onOpen} />)
        )}
      </div>
      <div style={{ borderTop: '1px solid #f0f0f0', padding: '8px 12px', textAlign: 'center' }}>
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notifications-view-all">
          {t('notifications.viewAll')}
        </Link>
      </div>
    </div>
  );

  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.title');
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) void latest.refetch();
  };
  const trigger = (
    <span style={{ position: 'relative', display: 'inline-flex' }}>
      <Button
        type="text"
        style={{ color }}
        icon={<BellOutlined />}
        aria-label={label}
        title={label}
        // On phones the drawer is opened here; elsewhere the popover handles the click.
        onClick={isMobile ? () => onOpenChange(!open) : undefined}
        data-testid="notifications-bell"
      />
      {unread > 0 ? (
        <Badge
          count={unread}
          overflowCount={99}
          size="small"
          data-testid="notifications-count"
          styles={{
            root: { position: 'absolute', top: -2, insetInlineEnd: -4, pointerEvents: 'none' },
            indicator: { boxShadow: 'none' },
          }}
        />
      ) : null}
    </span>
  );

  // Phones: the panel drops down from the top at full width; elsewhere it hangs below the bell.
  if (isMobile) {
    return (
      <>
        {trigger}
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="top"
          size="auto"
          closable={false}
          destroyOnHidden
          styles={{ body: { padding: 0 } }}
        >
          {panel}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      arrow={false}
      open={open}
      onOpenChange={onOpenChange}
      content={panel}
      destroyOnHidden
      styles={{ container: { padding: 0 } }}
    >
      {trigger}
    </Popover>
  );
}
