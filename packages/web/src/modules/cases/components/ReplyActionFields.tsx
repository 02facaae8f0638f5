// The reply to the applicant (答复, work plan 三(一)): by phone, the call's time, the number called and who
// answered; in writing, the day the letter was sent, how it went (邮寄, 当面送达, 电子邮件) and where. Rendered
// inside ActionModal's form, whose values they fill (action-form.ts turns them into the request).
import { Alert, Button, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { FormInstance } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { REPLY_DELIVERIES, type CaseDetail, type ReplyDelivery } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/index.tsx';
import { chinaToday } from '../../../ui/dates.ts';
import { lengthRule, limitCount, phoneRule } from '../../../ui/formRules.ts';
import { replyLetterDocxUrl } from '../api/cases.ts';
import type { Values } from './action-form.ts';
import { DELIVERY_LABELS } from './reply-labels.ts';

const area = (rows = 4) => ({ autoSize: { minRows: rows, maxRows: 16 } });

const ADDRESS_LABELS: Record<ReplyDelivery, MessageKey> = {
  post: 'documents.addressPost',
  hand: 'documents.addressHand',
  email: 'documents.addressEmail',
};

/** A letter cannot be sent after today (China) or before the day the request came in. */
function outsideCase(c: CaseDetail) {
  const receivedOn = new Date(Date.parse(c.receivedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
  const today = chinaToday();
  return (d: Dayjs) => {
    const day = d.format('YYYY-MM-DD');
    return day > today || day < receivedOn;
  };
}

export function ReplyActionFields({ c, form }: { c: CaseDetail; form: FormInstance<Values> }) {
  const t = useT();
  const method = Form.useWatch('method', form);
  const delivery = Form.useWatch('delivery', form) ?? 'post';
  const required = { required: true, whitespace: true, message: t('common.required') };
  const requiredChoice = { required: true, message: t('common.required') };
  const phone = method === 'phone';
  return (
    <>
      <Alert type="info" showIcon title={t('actionForm.replyHint')} style={{ marginBottom: 16 }} />
      <Form.Item label={t('actionForm.method')} name="method" rules={[requiredChoice]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'phone', label: t('actionForm.methodPhone') },
            { value: 'written', label: t('actionForm.methodWritten') },
          ]}
        />
      </Form.Item>
      {phone ? (
        <>
          <Form.Item label={t('actionForm.calledAt')} name="calledAt" rules={[requiredChoice]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            label={t('actionForm.phoneNumber')}
            name="phoneNumber"
            rules={[
              lengthRule(20, t('common.tooLong', { max: 20 })),
              required,
              phoneRule(t('register.phoneInvalid')),
            ]}
          >
            <Input {...limitCount(20)} inputMode="tel" />
          </Form.Item>
          <Form.Item
            label={t('actionForm.answeredBy')}
            name="answeredBy"
            rules={[lengthRule(100, t('common.tooLong', { max: 100 })), required]}
          >
            <Input {...limitCount(100)} />
          </Form.Item>
        </>
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('documents.writtenHint')}
            action={
              <Button
                size="small"
                icon={<DownloadOutlined />}
                href={replyLetterDocxUrl(c.id)}
                data-testid="reply-letter-in-form"
              >
                {t('documents.letterDocx')}
              </Button>
            }
            style={{ marginBottom: 16 }}
          />
          <Form.Item label={t('documents.sentOn')} name="sentOn" rules={[requiredChoice]}>
            <DatePicker disabledDate={outsideCase(c)} style={{ width: '100%' }} data-testid="reply-sent-on" />
          </Form.Item>
          <Form.Item label={t('documents.delivery')} name="delivery" rules={[requiredChoice]}>
            <Select
              data-testid="reply-delivery"
              options={REPLY_DELIVERIES.map((d) => ({ value: d, label: t(DELIVERY_LABELS[d]) }))}
            />
          </Form.Item>
          <Form.Item
            label={t(ADDRESS_LABELS[delivery])}
            name="address"
            rules={[
              lengthRule(200, t('common.tooLong', { max: 200 })),
              required,
              ...(delivery === 'email'
                ? [{ type: 'email' as const, message: t('documents.addressEmail') }]
                : []),
            ]}
          >
            <Input {...limitCount(200)} data-testid="reply-address" />
          </Form.Item>
        </>
      )}
      <Form.Item
        label={t('actionForm.replyContent')}
        name="content"
        rules={[
          lengthRule(phone ? 5000 : 10000, t('common.tooLong', { max: phone ? 5000 : 10000 })),
          required,
        ]}
      >
        <Input.TextArea {...limitCount(phone ? 5000 : 10000)} {...area(6)} />
      </Form.Item>
    </>
  );
}
