// Acting deputies (代理): the appointments the reader may see, appointing one, and ending one early.
// Administrators appoint for any chain position holder; a holder appoints their own deputy.
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Modal,
  Popconfirm,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { ActingDeputy, DeputyStatus } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { EmptyBlock, ErrorBlock } from '../../../ui/QueryState.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { chinaToday, toIsoDate } from '../../../ui/dates.ts';
import { testId } from '../../../ui/testId.ts';
import { useCurrentMe } from '../../auth/hooks/useAuth.ts';
import { useAppointDeputy, useDeputies, useDeputyCandidates, useEndDeputy } from '../hooks/useDeputies.ts';

const STATUS_COLOR: Record<DeputyStatus, string> = { current: 'green', upcoming: 'blue', past: 'default' };

interface Values {
  forPersonId: string;
  deputyId: string;
  fromDate: Dayjs;
  toDate: Dayjs;
}

function AppointModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const me = useCurrentMe();
  const admin = me.roles.includes('admin');
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const candidates = useDeputyCandidates(open);
  const appoint = useAppointDeputy();
  const options = (candidates.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.displayName}（${p.departmentName}）`,
  }));
  const fromDate = Form.useWatch('fromDate', form);
  const today = dayjs(chinaToday());

  const close = () => {
    if (!form.isFieldsTouched()) {
      onClose();
      return;
    }
    modal.confirm({
      title: t('deputies.discardTitle'),
      content: t('deputies.discardText'),
      okText: t('deputies.discardOk'),
      cancelText: t('common.cancel'),
      onOk: onClose,
    });
  };

  const submit = (v: Values) =>
    appoint
      .mutateAsync({
        forPersonId: admin ? v.forPersonId : me.id,
        deputyId: v.deputyId,
        fromDate: toIsoDate(v.fromDate),
        toDate: toIsoDate(v.toDate),
      })
      .then(() => {
        message.success(t('deputies.appointed'));
        onClose();
      })
      .catch((e: unknown) => showError(e, form, t('deputies.appoint')));

  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open={open}
      title={t('deputies.appoint')}
      onCancel={close}
      destroyOnHidden
      afterOpenChange={(opened) => {
        if (opened) form.setFieldsValue({ fromDate: today, toDate: today.add(4, 'day') });
      }}
      okText={t('deputies.appointOk')}
      okButtonProps={{ loading: appoint.isPending, ...testId('deputy-submit') }}
      onOk={() => form.submit()}
    >
      <Form form={form} name="deputy" layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        {admin ? (
          <Form.Item label={t('deputies.forPerson')} name="forPersonId" rules={required}>
            <Select showSearch optionFilterProp="label" options={options} loading={candidates.isPending} />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary">
            {t('deputies.forYou', { name: me.displayName })}
          </Typography.Paragraph>
        )}
        <Form.Item label={t('deputies.deputy')} name="deputyId" rules={required}>
          <Select
            showSearch
            optionFilterProp="label"
            options={options.filter((o) => admin || o.value !== me.id)}
            loading={candidates.isPending}
          />
        </Form.Item>
        <Form.Item label={t('deputies.fromDate')} name="fromDate" rules={required}>
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isBefore(today)} />
        </Form.Item>
        <Form.Item
          label={t('deputies.toDate')}
          name="toDate"
          rules={required}
          extra={t('deputies.oneAtATime')}
        >
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(d) => d.isBefore(fromDate ?? today)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DeputiesView() {
  const t = useT();
  const me = useCurrentMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [past, setPast] = useState(false);
  const [appointing, setAppointing] = useState(false);
  const list = useDeputies(past);
  const end = useEndDeputy();
  const admin = me.roles.includes('admin');

  const endOne = (d: ActingDeputy) =>
    end
      .mutateAsync(d.id)
      .then((r) => message.success(r.deputy ? t('deputies.ended') : t('deputies.withdrawn')))
      .catch((e: unknown) => showError(e, undefined, t('deputies.end')));

  const columns: TableColumnsType<ActingDeputy> = [
    { title: t('deputies.forPerson'), key: 'for', render: (_, d) => d.forPerson.displayName, width: 120 },
    { title: t('deputies.deputy'), key: 'deputy', render: (_, d) => d.deputy.displayName, width: 120 },
    {
      title: t('deputies.period'),
      key: 'period',
      render: (_, d) => `${d.fromDate} ~ ${d.toDate}`,
      width: 200,
    },
    {
      title: t('deputies.status'),
      key: 'status',
      width: 100,
      render: (_, d) => <Tag color={STATUS_COLOR[d.status]}>{t(`deputies.status.${d.status}`)}</Tag>,
    },
    {
      title: t('deputies.appointedBy'),
      key: 'by',
      width: 120,
      render: (_, d) => d.createdBy?.displayName ?? '',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, d) =>
        d.status !== 'past' && (admin || d.forPerson.id === me.id) ? (
          <Popconfirm
            title={d.status === 'upcoming' ? t('deputies.withdrawConfirm') : t('deputies.endConfirm')}
            okText={t('deputies.end')}
            okButtonProps={{ danger: true, loading: end.isPending, ...testId('deputy-end-confirm') }}
            cancelText={t('common.cancel')}
            onConfirm={() => void endOne(d)}
          >
            <Button size="small" danger icon={<StopOutlined />} {...testId(`deputy-end-${d.id}`)}>
              {d.status === 'upcoming' ? t('deputies.withdraw') : t('deputies.end')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageTitle
        title={t('deputies.title')}
        subtitle={t('deputies.subtitle')}
        extra={
          me.abilities['deputies.appoint'] ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAppointing(true)}
              {...testId('deputy-appoint')}
            >
              {t('deputies.appoint')}
            </Button>
          ) : null
        }
      />
      <Card>
        <div style={{ marginBottom: 12 }}>
          <Switch checked={past} onChange={setPast} size="small" {...testId('deputies-past')} />{' '}
          <Typography.Text>{t('deputies.showPast')}</Typography.Text>
        </div>
        {list.isError ? (
          <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ActingDeputy>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={false}
            scroll={{ x: 780 }}
            locale={{ emptyText: <EmptyBlock description={t('deputies.empty')} /> }}
            {...testId('deputies-table')}
          />
        )}
      </Card>
      <AppointModal open={appointing} onClose={() => setAppointing(false)} />
    </>
  );
}
