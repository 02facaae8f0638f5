// 消息 (the in-app inbox): my notifications, newest first, with the unread count; marking them read.
import type { NotificationList, NotificationView, NotificationsReadAll } from '@bancheng/core';
import { api } from '../../../api/client.ts';

export interface NotificationsQuery {
  unread?: 'true';
  page: number;
  pageSize: number;
}

export const notificationKeys = {
  /** Everything in the inbox: invalidate this after anything that may have written a notification. */
  all: ['notifications'] as const,
  list: (query: NotificationsQuery) => ['notifications', 'list', query] as const,
};

export const fetchNotifications = (query: NotificationsQuery, signal?: AbortSignal) =>
  api<NotificationList>('/api/notifications', { query: { ...query }, signal });
export const markNotificationRead = (id: string) =>
  api<NotificationView>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
export const markAllNotificationsRead = () =>
  api<NotificationsReadAll>('/api/notifications/read-all', { method: 'POST' });
