import { NotificationsInbox } from '../modules/notifications/components/NotificationsInbox.tsx';

export function NotificationsPage() {
  return <NotificationsInbox />;
}
