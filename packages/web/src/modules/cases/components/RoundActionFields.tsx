// The fields of the actions on rounds and follow-ups (跟踪问效): a follow-up's outcome and notes, a new round
// after a failed way (what was tried, the reason), and withdrawing a proposal. Rendered inside ActionModal's
// form, whose values they fill (action-form.ts turns them into the request).
import { Alert, Form, Input, Radio, Select } from 'antd';
import { FOLLOW_UP_OUTCOMES, REFUSAL_REASONS } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';

const area = (rows = 4) => ({ autoSize: { minRows: rows, maxRows: 16 }, showCount: true });

export function RoundActionFields({
  action,
}: {
  action: 'recordFollowUp' | 'reopenRound' | 'withdrawProposal';
}) {
  const t = useT();
  const required = { required: true, whitespace: true, message: t('common.required') };
  const requiredChoice = { required: true, message: t('common.required') };
  switch (action) {
    case 'recordFollowUp':
      return (
        <>
          <Alert type="info" showIcon title={t('actionForm.followUpHint')} style={{ marginBottom: 16 }} />
          <Form.Item label={t('actionForm.followUpOutcome')} name="outcome" rules={[requiredChoice]}>
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {FOLLOW_UP_OUTCOMES.map((o) => (
                <Radio key={o} value={o} data-testid={`follow-up-${o}`}>
                  {t(
                    o === 'implemented'
                      ? 'actionForm.followUpImplemented'
                      : 'actionForm.followUpNotImplemented',
                  )}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('actionForm.followUpNote')} name="note" rules={[required]}>
            <Input.TextArea maxLength={5000} {...area()} />
          </Form.Item>
        </>
      );
    case 'reopenRound':
      return (
        <>
          <Alert type="info" showIcon title={t('actionForm.reopenHint')} style={{ marginBottom: 16 }} />
          <Form.Item label={t('actionForm.tried')} name="tried" rules={[required]}>
            <Input.TextArea maxLength={5000} placeholder={t('actionForm.triedPlaceholder')} {...area()} />
          </Form.Item>
          <Form.Item label={t('actionForm.reason')} name="reason" rules={[requiredChoice]}>
            <Select options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`refusalReason.${r}`) }))} />
          </Form.Item>
          <Form.Item label={t('actionForm.reasonText')} name="reasonText" rules={[required]}>
            <Input.TextArea
              maxLength={5000}
              placeholder={t('actionForm.reasonTextPlaceholder')}
              {...area()}
            />
          </Form.Item>
        </>
      );
    case 'withdrawProposal':
      return (
        <>
          <Alert type="info" showIcon title={t('actionForm.withdrawHint')} style={{ marginBottom: 16 }} />
          <Form.Item label={t('actionForm.withdrawNote')} name="note">
            <Input.TextArea maxLength={1000} {...area(2)} />
          </Form.Item>
        </>
      );
  }
}
