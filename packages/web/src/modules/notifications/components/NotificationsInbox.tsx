// 消息 (/notifications): every notification, newest first, all or only the unread, page by page; the
// filter and page live in the URL so the back button returns to the same place.
import { Button, Card, Flex, Pagination, Segmented, Spin } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../../i18n/index.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import type { NotificationsQuery } from '../api/notifications.ts';
import { useNotifications, useReadOnOpen } from '../hooks/useNotifications.ts';
import { NotificationItem } from './NotificationItem.tsx';
import { ReadAllButton } from './ReadAllButton.tsx';

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function queryOf(params: URLSearchParams): NotificationsQuery {
  return {
    unread: params.get('unread') === 'true' ? 'true' : undefined,
    page: positive(params.get('page'), 1),
    pageSize: Math.min(positive(params.get('pageSize'), 20), 200),
  };
}

export function NotificationsInbox() {
  const t = useT();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const list = useNotifications(query);
  const read = useReadOnOpen();
  const unread = list.data?.unreadCount ?? 0;

  const update = (next: { unread?: boolean; page?: number; pageSize?: number }) => {
    const merged = new URLSearchParams(params);
    if (next.unread !== undefined) {
      if (next.unread) merged.set('unread', 'true');
      else merged.delete('unread');
    }
    const page = next.page ?? 1;
    if (page > 1) merged.set('page', String(page));
    else merged.delete('page');
    if (next.pageSize !== undefined) {
      if (next.pageSize !== 20) merged.set('pageSize', String(next.pageSize));
      else merged.delete('pageSize');
    }
    setParams(merged);
  };

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  return (
    <>
      <PageTitle
        title={t('notifications.title')}
        subtitle={t('notifications.subtitle')}
        extra={
          <ReadAllButton icon={<CheckOutlined />} unread={unread} testId="notifications-page-read-all" />
        }
      />
      <Card>
        <Segmented<'all' | 'unread'>
          value={query.unread ? 'unread' : 'all'}
          onChange={(value) => update({ unread: value === 'unread' })}
          options={[
            {
              value: 'all',
              label: <span data-testid="notifications-filter-all">{t('notifications.filterAll')}</span>,
            },
            {
              value: 'unread',
              label: (
                <span data-testid="notifications-filter-unread">
                  {t('notifications.filterUnread', { count: unread })}
                </span>
              ),
            },
          ]}
          style={{ marginBottom: 8 }}
        />
        {list.isPending ? (
          <LoadingBlock />
        ) : list.isError ? (
          <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Spin spinning={list.isFetching && list.isPlaceholderData}>
            <div data-testid="notifications-list">
              {items.length === 0 ? (
                <div style={{ paddingTop: 16 }}>
                  <EmptyBlock
                    description={query.unread ? t('notifications.emptyUnread') : t('notifications.empty')}
                  />
                </div>
              ) : (
                items.map((n) => (
                  <NotificationItem
                    key={n.id}
                    n={n}
                    onOpen={read}
                    extra={
                      n.readAt === null ? (
                        <Button
                          size="small"
                          type="link"
                          icon={isMobile ? <CheckOutlined /> : undefined}
                          aria-label={t('notifications.markRead')}
                          title={t('notifications.markRead')}
                          onClick={() => read(n)}
                          data-testid="notification-mark-read"
                        >
                          {isMobile ? null : t('notifications.markRead')}
                        </Button>
                      ) : null
                    }
                  />
                ))
              )}
            </div>
            {total > query.pageSize || query.page > 1 ? (
              <Flex justify={isMobile ? 'center' : 'end'} style={{ marginTop: 16 }}>
                <Pagination
                  current={query.page}
                  pageSize={query.pageSize}
                  total={total}
                  size={isMobile ? 'small' : undefined}
                  simple={isMobile}
                  showSizeChanger={!isMobile}
                  pageSizeOptions={[20, 50, 100]}
                  showTotal={isMobile ? undefined : (n) => t('common.total', { total: n })}
                  onChange={(page, pageSize) =>
                    update({ page: pageSize === query.pageSize ? page : 1, pageSize })
                  }
                />
              </Flex>
            ) : null}
          </Spin>
        )}
      </Card>
    </>
  );
}
