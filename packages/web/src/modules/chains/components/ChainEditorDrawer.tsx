// Set one department's four-level chain from a date (administrators only).
import { useEffect, useMemo } from 'react';
import { App, Button, DatePicker, Drawer, Flex, Form, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { Chain, PersonRef } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { chinaToday, toIsoDate } from '../../../ui/dates.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useSticky } from '../../../ui/useSticky.ts';
import { usePeople } from '../../people/hooks/usePeople.ts';
import { useSetChain } from '../hooks/useChains.ts';

interface Values {
  effectiveFrom: Dayjs;
  firstResponderIds: string[];
  deptHeadId: string;
  leaderInChargeId: string;
  principalLeaderId: string;
}

interface Option {
  value: string;
  label: string;
  search: string;
}

export function ChainEditorDrawer({ chain, onClose }: { chain: Chain | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const people = usePeople({ pageSize: 200 }, chain !== null);
  const save = useSetChain();
  const shown = useSticky(chain);
  const title = shown ? t('chains.editTitle', { name: `${shown.unitName} · ${shown.departmentName}` }) : '';

  const options = useMemo<Option[]>(() => {
    const byId = new Map<string, Option>();
    for (const p of people.data?.items ?? []) {
      if (p.status !== 'active') continue;
      byId.set(p.id, {
        value: p.id,
        label: `${p.displayName}（${p.departmentName}）`,
        search: `${p.displayName} ${p.username} ${p.departmentName}`,
      });
    }
    // Keep current holders selectable even if they are not in the first page of people.
    const current: (PersonRef | null)[] = chain
      ? [...chain.firstResponders, chain.deptHead, chain.leaderInCharge, chain.principalLeader]
      : [];
    for (const p of current) {
      if (p && !byId.has(p.id)) {
        byId.set(p.id, { value: p.id, label: p.displayName, search: `${p.displayName} ${p.username}` });
      }
    }
    return [...byId.values()];
  }, [people.data, chain]);

  useEffect(() => {
    if (!chain) return;
    form.resetFields();
    form.setFieldsValue({
      effectiveFrom: dayjs(chinaToday()),
      firstResponderIds: chain.firstResponders.map((p) => p.id),
      deptHeadId: chain.deptHead?.id,
      leaderInChargeId: chain.leaderInCharge?.id,
      principalLeaderId: chain.principalLeader?.id,
    });
  }, [chain, form]);

  const onFinish = (values: Values) => {
    if (!chain) return;
    save.mutate(
      {
        departmentId: chain.departmentId,
        body: {
          effectiveFrom: toIsoDate(values.effectiveFrom),
          firstResponderIds: values.firstResponderIds,
          deptHeadId: values.deptHeadId,
          leaderInChargeId: values.leaderInChargeId,
          principalLeaderId: values.principalLeaderId,
        },
      },
      {
        onSuccess: () => {
          message.success(t('chains.saved'));
          onClose();
        },
        onError: (e) => showError(e, form, title),
      },
    );
  };

  const required = [{ required: true, message: t('common.required') }];
  const single = (name: keyof Values, label: string) => (
    <Form.Item label={label} name={name} rules={required}>
      <Select
        options={options}
        loading={people.isPending}
        placeholder={t('chains.selectPerson')}
        showSearch={{ optionFilterProp: 'search' }}
        allowClear
      />
    </Form.Item>
  );

  return (
    <Drawer
      open={chain !== null}
      title={title}
      onClose={onClose}
      size={isMobile ? '100%' : 520}
      forceRender
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="chain-submit"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('chains.flow')}</Typography.Paragraph>
      <Form form={form} name="chain" layout="vertical" onFinish={onFinish}>
        <Form.Item label={t('chains.effectiveFrom')} name="effectiveFrom" rules={required}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item label={t('chains.firstResponders')} name="firstResponderIds" rules={required}>
          <Select
            mode="multiple"
            options={options}
            loading={people.isPending}
            placeholder={t('chains.selectPeople')}
            showSearch={{ optionFilterProp: 'search' }}
            allowClear
          />
        </Form.Item>
        {single('deptHeadId', t('chains.deptHead'))}
        {single('leaderInChargeId', t('chains.leaderInCharge'))}
        {single('principalLeaderId', t('chains.principalLeader'))}
      </Form>
    </Drawer>
  );
}
