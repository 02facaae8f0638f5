// 登记反映: the office registers a report received by phone, letter or visit. The answer carries the
// report tracking code once, shown here to be told to the reporter; then the report's page opens.
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Typography,
} from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { REGISTERED_SOURCES, REPORT_TEXT_MAX } from '@bancheng/core';
import type { RegisterReportInput, RegisteredSource } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { chinaNow, toChinaIso, ISO_DATE } from '../../../ui/dates.ts';
import { lengthRule, limitCount, phoneRule } from '../../../ui/formRules.ts';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useFormSubmission } from '../../../ui/useFormKeys.ts';
import { sortedUnits, useOrgTree } from '../../org/hooks/useOrg.ts';
import { ledgerKeys, registerReport, type RegisteredReport } from '../api/ledger.ts';

interface Values {
  source: RegisteredSource;
  receivedAt?: Dayjs;
  what?: string;
  unitId?: string;
  departmentId?: string;
  counter?: string;
  happenedOn?: Dayjs;
  caseTrackingCode?: string;
  name?: string;
  phone?: string;
  wantsSms?: boolean;
}

const opt = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

function bodyOf(v: Values): RegisterReportInput {
  return {
    source: v.source,
    ...(v.receivedAt && { receivedAt: toChinaIso(v.receivedAt) }),
    what: (v.what ?? '').trim(),
    unitId: v.unitId ?? '',
    ...(v.departmentId && { departmentId: v.departmentId }),
    ...(opt(v.counter) && { counter: opt(v.counter) }),
    ...(v.happenedOn && { happenedOn: v.happenedOn.format(ISO_DATE) }),
    ...(opt(v.caseTrackingCode) && { caseTrackingCode: opt(v.caseTrackingCode) }),
    ...(opt(v.name) && { name: opt(v.name) }),
    ...(opt(v.phone) && { phone: opt(v.phone) }),
    wantsSms: v.wantsSms === true && opt(v.phone) !== undefined,
  };
}

export function RegisterReportForm() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const tree = useOrgTree();
  const showError = useApiError();
  const submission = useFormSubmission();
  const [done, setDone] = useState<RegisteredReport | null>(null);
  const unitId = Form.useWatch('unitId', form);
  const phone = Form.useWatch('phone', form);
  const units = sortedUnits(tree.data);
  const departments = units.find((u) => u.id === unitId)?.departments ?? [];
  const register = useMutation({
    mutationFn: (v: { body: RegisterReportInput; key: string }) => registerReport(v.body, v.key),
    onSuccess: (answer) => {
      queryClient.setQueryData(ledgerKeys.detail(answer.report.id), answer.report);
      return queryClient.invalidateQueries({ queryKey: ledgerKeys.lists });
    },
  });

  const onFinish = (values: Values) => {
    if (!submission.begin()) return;
    const body = bodyOf(values);
    register
      .mutateAsync({ body, key: submission.keys.keyFor(body) })
      .then((answer) => {
        submission.keys.reset();
        if (answer.receipt) setDone(answer);
        else void navigate(`/ledger/${encodeURIComponent(answer.report.id)}`, { replace: true });
      })
      .catch((e: unknown) => showError(e, form, t('reportRegister.title')))
      .finally(() => submission.end());
  };

  const required = { required: true, whitespace: true, message: t('common.required') };
  const requiredChoice = { required: true, message: t('common.required') };

  return (
    <>
      <PageTitle title={t('reportRegister.title')} subtitle={t('reportRegister.subtitle')} />
      <Card style={{ maxWidth: 880 }}>
        <Form<Values>
          form={form}
          name="reportRegister"
          layout="vertical"
          initialValues={{ source: 'phone', receivedAt: chinaNow(), wantsSms: false }}
          onFinish={onFinish}
        >
          <Form.Item label={t('reportRegister.source')} name="source" rules={[requiredChoice]}>
            <Radio.Group
              optionType="button"
              options={REGISTERED_SOURCES.map((s) => ({
                value: s,
                label: <span data-testid={`register-source-${s}`}>{t(`reportSource.${s}`)}</span>,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('reportRegister.receivedAt')} name="receivedAt">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            label={t('reportRegister.what')}
            name="what"
            rules={[required, lengthRule(REPORT_TEXT_MAX, t('common.tooLong', { max: REPORT_TEXT_MAX }))]}
          >
            <Input.TextArea
              {...limitCount(REPORT_TEXT_MAX)}
              autoSize={{ minRows: 4, maxRows: 14 }}
              placeholder={t('reportRegister.whatPlaceholder')}
            />
          </Form.Item>
          <Form.Item label={t('reportRegister.unit')} name="unitId" rules={[requiredChoice]}>
            <Select
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              onChange={() => form.setFieldValue('departmentId', undefined)}
              data-testid="register-unit"
            />
          </Form.Item>
          <Form.Item label={t('reportRegister.department')} name="departmentId">
            <Select
              allowClear
              disabled={!unitId}
              placeholder={t('reportRegister.departmentPlaceholder')}
              options={[...departments]
                .sort((a, b) => a.sortOrder - b.sortOrder)
                .map((d) => ({ value: d.id, label: d.name }))}
              data-testid="register-department"
            />
          </Form.Item>
          <Form.Item
            label={t('reportRegister.counter')}
            name="counter"
            rules={[lengthRule(100, t('common.tooLong', { max: 100 }))]}
          >
            <Input {...limitCount(100)} />
          </Form.Item>
          <Form.Item label={t('reportRegister.happenedOn')} name="happenedOn">
            <DatePicker style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            label={t('reportRegister.caseTrackingCode')}
            name="caseTrackingCode"
            rules={[lengthRule(40, t('common.tooLong', { max: 40 }))]}
          >
            <Input {...limitCount(40)} />
          </Form.Item>
          <Form.Item
            label={t('reportRegister.name')}
            name="name"
            rules={[lengthRule(50, t('common.tooLong', { max: 50 }))]}
          >
            <Input {...limitCount(50)} />
          </Form.Item>
          <Form.Item
            label={t('reportRegister.phone')}
            name="phone"
            rules={[phoneRule(t('reportRegister.phoneInvalid'))]}
          >
            <Input inputMode="tel" style={{ maxWidth: 260 }} />
          </Form.Item>
          <Form.Item name="wantsSms" valuePropName="checked">
            <Checkbox disabled={!opt(phone)}>{t('reportRegister.wantsSms')}</Checkbox>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={register.isPending}
            disabled={register.isPending}
            data-testid="register-report-submit"
          >
            {t('reportRegister.submit')}
          </Button>
        </Form>
      </Card>
      <Modal
        open={done !== null}
        title={t('reportRegister.doneTitle')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button
            type="primary"
            onClick={() =>
              done && void navigate(`/ledger/${encodeURIComponent(done.report.id)}`, { replace: true })
            }
            {...testId('register-report-open')}
          >
            {t('reportRegister.open')}
          </Button>
        }
      >
        <Alert type="info" showIcon title={t('reportRegister.doneText')} style={{ marginBottom: 16 }} />
        <Typography.Text type="secondary">{t('reportRegister.code')}</Typography.Text>
        <Typography.Title level={3} copyable style={{ marginTop: 4 }} data-testid="register-report-code">
          {done?.receipt?.code}
        </Typography.Title>
      </Modal>
    </>
  );
}
