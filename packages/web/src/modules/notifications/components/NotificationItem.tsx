// One notification: what kind, its title (bold while unread), the text and when; opens its case (or,
// for a missing calendar year, the calendar page).
import type { ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { NotificationKind, NotificationView } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';

const KIND_LABELS: Record<NotificationKind, MessageKey> = {
  caseArrived: 'notifications.kind.caseArrived',
  decisionMade: 'notifications.kind.decisionMade',
  caseRefused: 'notifications.kind.caseRefused',
  replyDueSoon: 'notifications.kind.replyDueSoon',
  replyOverdue: 'notifications.kind.replyOverdue',
  deputyAppointed: 'notifications.kind.deputyAppointed',
  deputyEnded: 'notifications.kind.deputyEnded',
  levelDueSoon: 'notifications.kind.levelDueSoon',
  levelOverdue: 'notifications.kind.levelOverdue',
  matterDueSoon: 'notifications.kind.matterDueSoon',
  matterOverdue: 'notifications.kind.matterOverdue',
  caseHandedOver: 'notifications.kind.caseHandedOver',
  calendarMissing: 'notifications.kind.calendarMissing',
  applicantFlagged: 'notifications.kind.applicantFlagged',
  reopenRequested: 'notifications.kind.reopenRequested',
  coDepartmentNamed: 'notifications.kind.coDepartmentNamed',
  consultationRequested: 'notifications.kind.consultationRequested',
  consultationInvited: 'notifications.kind.consultationInvited',
  levelVacant: 'notifications.kind.levelVacant',
  reportReceived: 'notifications.kind.reportReceived',
  supervisionOrdered: 'notifications.kind.supervisionOrdered',
  orderAnswered: 'notifications.kind.orderAnswered',
  orderSentBack: 'notifications.kind.orderSentBack',
  orderDueSoon: 'notifications.kind.orderDueSoon',
  orderOverdue: 'notifications.kind.orderOverdue',
  referralReceived: 'notifications.kind.referralReceived',
};

const KIND_COLORS: Record<NotificationKind, string> = {
  caseArrived: 'blue',
  decisionMade: 'purple',
  caseRefused: 'orange',
  replyDueSoon: 'gold',
  replyOverdue: 'red',
  deputyAppointed: 'cyan',
  deputyEnded: 'default',
  levelDueSoon: 'gold',
  levelOverdue: 'red',
  matterDueSoon: 'gold',
  matterOverdue: 'red',
  caseHandedOver: 'cyan',
  calendarMissing: 'volcano',
  applicantFlagged: 'red',
  reopenRequested: 'orange',
  coDepartmentNamed: 'geekblue',
  consultationRequested: 'purple',
  consultationInvited: 'purple',
  levelVacant: 'volcano',
  reportReceived: 'purple',
  supervisionOrdered: 'geekblue',
  orderAnswered: 'cyan',
  orderSentBack: 'orange',
  orderDueSoon: 'gold',
  orderOverdue: 'red',
  referralReceived: 'magenta',
};

export function NotificationKindTag({ kind }: { kind: NotificationKind }) {
  const t = useT();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(KIND_LABELS[kind])}
    </Tag>
  );
}

export function NotificationItem({
  n,
  compact = false,
  onOpen,
  extra,
}: {
  n: NotificationView;
  /** In the header panel: the text in two lines at most. */
  compact?: boolean;
  /** Called when the person opens it (before the link is followed): mark it read, close the panel. */
  onOpen: (n: NotificationView) => void;
  extra?: ReactNode;
}) {
  const t = useT();
  const unread = n.readAt === null;
  const target = n.caseId
    ? `/cases/${encodeURIComponent(n.caseId)}`
    : n.kind === 'calendarMissing'
      ? '/admin/calendar'
      : null;
  const content = (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Flex align="center" gap={6} wrap>
        {unread ? (
          <span
            aria-label={t('notifications.unread')}
            role="img"
            style={{ width: 8, height: 8, borderRadius: 4, background: '#1677ff', flex: 'none' }}
          />
        ) : null}
        <NotificationKindTag kind={n.kind} />
        <Typography.Text
          strong={unread}
          type={unread ? undefined : 'secondary'}
          style={{ minWidth: 0, flex: '1 1 160px', wordBreak: 'break-all' }}
          data-testid="notification-title"
        >
          {n.title}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph
        type="secondary"
        ellipsis={compact ? { rows: 2 } : false}
        style={{ margin: 0, fontSize: 13 }}
      >
        {n.body}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
      </Typography.Text>
    </Flex>
  );

  return (
    <Flex
      align="start"
      gap={8}
      data-testid="notification-item"
      data-unread={unread ? 'true' : 'false'}
      style={{
        padding: compact ? '8px 12px' : '12px 0',
        background: unread && compact ? '#f0f7ff' : undefined,
        borderTop: '1px solid #f0f0f0',
      }}
    >
      {target ? (
        <Link
          to={target}
          onClick={() => onOpen(n)}
          style={{ display: 'block', flex: '1 1 auto', minWidth: 0, color: 'inherit' }}
          data-testid="notification-link"
        >
          {content}
        </Link>
      ) : (
        <div
          role="button"
          tabIndex={0}
          onClick={() => onOpen(n)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') onOpen(n);
          }}
          style={{ flex: '1 1 auto', minWidth: 0, cursor: unread ? 'pointer' : 'default' }}
        >
          {content}
        </div>
      )}
      {extra}
    </Flex>
  );
}
