// How a written reply went (邮寄, 当面送达, 电子邮件), named as the forms and the printed form say it.
import type { ReplyDelivery } from '@bancheng/core';
import type { MessageKey } from '../../../i18n/index.tsx';

export const DELIVERY_LABELS: Record<ReplyDelivery, MessageKey> = {
  post: 'documents.deliveryPost',
  hand: 'documents.deliveryHand',
  email: 'documents.deliveryEmail',
};
