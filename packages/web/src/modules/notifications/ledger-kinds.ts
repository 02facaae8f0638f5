// The labels of the supervision ledger's notification kinds (督办, 移送纪检), spread into zh.ts and en.ts.
export const ledgerKindsZh = {
  'notifications.kind.reportReceived': '收到反映',
  'notifications.kind.supervisionOrdered': '督办单',
  'notifications.kind.orderAnswered': '督办已反馈',
  'notifications.kind.orderSentBack': '督办退回',
  'notifications.kind.orderDueSoon': '督办黄灯',
  'notifications.kind.orderOverdue': '督办红灯',
  'notifications.kind.referralReceived': '移送纪检',
} as const;

export const ledgerKindsEn: Record<keyof typeof ledgerKindsZh, string> = {
  'notifications.kind.reportReceived': 'Report received',
  'notifications.kind.supervisionOrdered': 'Supervision order',
  'notifications.kind.orderAnswered': 'Order answered',
  'notifications.kind.orderSentBack': 'Answer sent back',
  'notifications.kind.orderDueSoon': 'Order due soon',
  'notifications.kind.orderOverdue': 'Order overdue',
  'notifications.kind.referralReceived': 'Referral',
};
