// 时限设置: each approval level's working days, how the reply to the applicant is counted and in how many
// working days, the follow-up period. Administrators only (the menu and the route ask for settings.manage).
import { useEffect } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Radio, Typography } from 'antd';
import type { BureauSettings, ReplyCounting } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { testId } from '../../../ui/testId.ts';
import { phoneRule } from '../../../ui/formRules.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useBureauSettings, useUpdateBureauSettings } from '../hooks/useSettings.ts';

interface Values {
  level2: number;
  level3: number;
  level4: number;
  replyCounting: ReplyCounting;
  replyWorkdays: number;
  followUpWorkdays: number;
  contactPhone?: string;
}

const valuesOf = (s: BureauSettings): Values => ({
  level2: s.levelWorkdays[2],
  level3: s.levelWorkdays[3],
  level4: s.levelWorkdays[4],
  replyCounting: s.replyCounting,
  replyWorkdays: s.replyWorkdays,
  followUpWorkdays: s.followUpWorkdays,
  contactPhone: s.contactPhone ?? '',
});

export function BureauSettingsEditor() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const query = useBureauSettings();
  const update = useUpdateBureauSettings();
  const settings = query.data;

  useEffect(() => {
    if (settings) form.setFieldsValue(valuesOf(settings));
  }, [settings, form]);

  if (query.isPending) return <LoadingBlock />;
  if (query.isError) return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;

  const onFinish = (v: Values) => {
    update.mutate(
      {
        levelWorkdays: { 2: v.level2, 3: v.level3, 4: v.level4 },
        replyCounting: v.replyCounting,
        replyWorkdays: v.replyWorkdays,
        followUpWorkdays: v.followUpWorkdays,
        contactPhone: v.contactPhone?.trim() ? v.contactPhone.trim() : null,
        version: query.data.version,
      },
      {
        onSuccess: () => void message.success(t('settings.saved')),
        onError: (e) => showError(e, form, t('settings.title')),
      },
    );
  };
  const days = (name: keyof Values, label: string, min: number) => (
    <Form.Item label={label} name={name} rules={[{ required: true, message: t('common.required') }]}>
      <InputNumber<number>
        min={min}
        max={60}
        precision={0}
        addonAfter={t('settings.workdays')}
        style={{ width: 200 }}
        data-testid={`settings-${name}`}
      />
    </Form.Item>
  );

  return (
    <>
      <PageTitle title={t('settings.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
        <Form form={form} name="bureau-settings" layout="vertical" onFinish={onFinish}>
          {days('level2', t('settings.level2'), 0)}
          {days('level3', t('settings.level3'), 0)}
          {days('level4', t('settings.level4'), 0)}
          <Form.Item label={t('settings.replyCounting')} name="replyCounting">
            <Radio.Group data-testid="settings-replyCounting">
              <Radio value="receipt">{t('settings.replyFromReceipt')}</Radio>
              <Radio value="finalRefusal">{t('settings.replyFromRefusal')}</Radio>
            </Radio.Group>
          </Form.Item>
          {days('replyWorkdays', t('settings.replyWorkdays'), 1)}
          {days('followUpWorkdays', t('settings.followUpWorkdays'), 1)}
          <Form.Item
            label={t('documents.contactPhone')}
            name="contactPhone"
            extra={t('documents.contactPhoneHint')}
            rules={[phoneRule(t('register.phoneInvalid'))]}
          >
            <Input
              inputMode="tel"
              maxLength={20}
              style={{ width: 280 }}
              data-testid="settings-contactPhone"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={update.isPending} {...testId('settings-save')}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
