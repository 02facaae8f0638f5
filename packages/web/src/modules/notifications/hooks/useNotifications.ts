import { useT } from '../../../i18n/index.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  fetchNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationKeys,
} from '../api/notifications.ts';
import type { NotificationsQuery } from '../api/notifications.ts';

/** How often the header bell asks for news while the page is open. */
export const NOTIFICATIONS_POLL_MS = 60_000;

export function useNotifications(query: NotificationsQuery, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: notificationKeys.list(query),
    queryFn: ({ signal }) => fetchNotifications(query, signal),
    placeholderData: keepPreviousData,
    // The bell keeps itself current: every minute, and whenever the person comes back to the window.
    refetchInterval: options.poll ? NOTIFICATIONS_POLL_MS : false,
    refetchOnWindowFocus: options.poll ? 'always' : false,
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => markNotificationRead(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => markAllNotificationsRead(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** Marks one notification read when it is opened, telling the person if that failed. */
export function useReadOnOpen(): (n: { id: string; readAt: string | null }) => void {
  const t = useT();
  const showError = useApiError();
  const markRead = useMarkNotificationRead();
  return (n) => {
    if (n.readAt !== null) return;
    markRead.mutate(n.id, { onError: (e) => showError(e, undefined, t('notifications.markReadFailed')) });
  };
}
