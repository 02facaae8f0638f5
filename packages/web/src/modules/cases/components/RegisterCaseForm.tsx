// 受理登记: record a request (applicant, channel, time, matter) and take it on as its first responder.
import { useMemo } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
} from 'antd';
import { useNavigate } from 'react-router-dom';
import { chinaNow, toChinaIso } from '../../../ui/dates.ts';
import type { Dayjs } from 'dayjs';
import { CHANNELS, MATTER_TYPES } from '@bancheng/core';
import type { Me, RegisterCaseBody } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { creditCodeRule, lengthRule, limitCount, phoneRule } from '../../../ui/formRules.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useFormSubmission } from '../../../ui/useFormKeys.ts';
import { useMatters } from '../../matters/hooks/useMatters.ts';
import { sortedUnits, useOrgTree } from '../../org/hooks/useOrg.ts';
import { useRegisterCase } from '../hooks/useCases.ts';

type Channel = (typeof CHANNELS)[number];
type MatterType = (typeof MATTER_TYPES)[number];

interface Values {
  applicant: {
    kind: 'person' | 'enterprise';
    name: string;
    creditCode?: string;
    phone: string;
    address?: string;
  };
  channel: Channel;
  receivedAt: Dayjs;
  /** Picked from the handling department's matter list; type and title then come from it. */
  matterId?: string;
  matterType: MatterType;
  matterTitle: string;
  description: string;
  departmentId: string;
  coDepartmentIds?: string[];
  noCompetentDepartment?: boolean;
}

/** The departments this person may register for: where they are a first responder, and their own. */
function ownDepartments(me: Me): { value: string; label: string }[] {
  const byId = new Map<string, string>();
  for (const d of me.departments) byId.set(d.id, `${d.unitName} · ${d.name}`);
  for (const p of me.chainPositions) {
    if (p.position === 'firstResponder' && !byId.has(p.departmentId)) {
      byId.set(p.departmentId, `${p.unitName} · ${p.departmentName}`);
    }
  }
  return [...byId].map(([value, label]) => ({ value, label }));
}

export function RegisterCaseForm({ me }: { me: Me }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const register = useRegisterCase();
  // One key for this opened form: a double click, or a retry after a lost answer, registers one case.
  const submission = useFormSubmission();
  const tree = useOrgTree();
  const kind = Form.useWatch(['applicant', 'kind'], form) ?? 'person';
  const initialDepartmentId = me.departments[0]?.id;
  // Until the form is mounted, the watched value is undefined: the department it will start with.
  const departmentId = Form.useWatch('departmentId', form) ?? initialDepartmentId;
  const matterId = Form.useWatch('matterId', form);
  // 没有明确主管部门: the first-inquiry department (the first responder's own) leads (core leadDepartmentOf).
  const noCompetentDepartment = Form.useWatch('noCompetentDepartment', form) ?? false;
  const matters = useMatters(departmentId);
  const picked = matters.data?.items.find((m) => m.id === matterId);
  const matterOptions = useMemo(
    () =>
      (matters.data?.items ?? []).map((m) => ({
        value: m.id,
        label: m.title,
        search: `${m.title} ${t(`matterType.${m.matterType}`)}`,
      })),
    [matters.data, t],
  );
  const mine = useMemo(() => ownDepartments(me), [me]);
  const isFirstResponderSomewhere = me.chainPositions.some((p) => p.position === 'firstResponder');

  const coOptions = useMemo(
    () =>
      sortedUnits(tree.data).map((unit) => ({
        label: unit.name,
        title: unit.name,
        options: [...unit.departments]
          .sort((a, b) => a.sortOrder - b.sortOrder)
          .filter((d) => d.id !== departmentId)
          .map((d) => ({ value: d.id, label: d.name, search: `${unit.name} ${d.name}` })),
      })),
    [tree.data, departmentId],
  );

  const initialValues: Partial<Values> = {
    applicant: { kind: 'person', name: '', phone: '' },
    receivedAt: chinaNow(),
    departmentId: initialDepartmentId,
    coDepartmentIds: [],
  };

  const onFinish = (values: Values) => {
    if (!submission.begin()) return;
    const trimmed = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
    const a = values.applicant;
    const body: RegisterCaseBody = {
      applicant: {
        kind: a.kind,
        name: a.name.trim(),
        phone: a.phone.trim(),
        ...(a.kind === 'enterprise' && trimmed(a.creditCode)
          ? { creditCode: a.creditCode?.trim().toUpperCase() }
          : {}),
        ...(trimmed(a.address) ? { address: trimmed(a.address) } : {}),
      },
      channel: values.channel,
      receivedAt: toChinaIso(values.receivedAt),
      ...(values.matterId ? { matterId: values.matterId } : {}),
      matterType: values.matterType,
      matterTitle: values.matterTitle.trim(),
      description: values.description.trim(),
      departmentId: values.departmentId,
      coDepartmentIds: (values.coDepartmentIds ?? []).filter((id) => id !== values.departmentId),
      ...(values.noCompetentDepartment ? { noCompetentDepartment: true } : {}),
    };
    register.mutate(
      { body, idempotencyKey: submission.keys.keyFor(body) },
      {
        onSuccess: (detail) => {
          submission.keys.reset();
          message.success(t('register.created', { number: detail.number }));
          // The receipt's code is shown once, on the case page this opens (never put in the URL).
          void navigate(`/cases/${encodeURIComponent(detail.id)}`, {
            replace: true,
            state: { receipt: detail.receipt },
          });
        },
        onError: (e) => showError(e, form, t('register.title')),
        onSettled: () => submission.end(),
      },
    );
  };

  const required = { required: true, whitespace: true, message: t('common.required') };
  const half = isMobile ? 24 : 12;

  // The form appears once the lists its pickers offer (the organisation, the department's matters) have
  // arrived: lists arriving while a picker is open re-render the form under the pointer and close the
  // picker before the click lands. Later, only the person's own choice of department reloads a list.
  if (tree.isPending || matters.isLoading) {
    return (
      <>
        <PageTitle title={t('register.title')} subtitle={t('register.subtitle')} />
        <Card loading data-testid="register-loading" style={{ maxWidth: 960 }} />
      </>
    );
  }

  return (
    <>
      <PageTitle title={t('register.title')} subtitle={t('register.subtitle')} />
      {isFirstResponderSomewhere ? null : (
        <Alert type="warning" showIcon title={t('register.notFirstResponder')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        name="register"
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(changed: Partial<Values>) => {
          // A matter belongs to one department's list: another department means choosing again.
          if ('departmentId' in changed) form.setFieldValue('matterId', undefined);
        }}
        onFinish={onFinish}
        scrollToFirstError
        style={{ maxWidth: 960 }}
      >
        <Flex vertical gap={16}>
          <Card title={t('register.applicantSection')} size={isMobile ? 'small' : undefined}>
            <Form.Item label={t('register.applicantKind')} name={['applicant', 'kind']}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'person', label: t('applicantKind.person') },
                  { value: 'enterprise', label: t('applicantKind.enterprise') },
                ]}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col span={half}>
                <Form.Item
                  label={kind === 'enterprise' ? t('register.enterpriseName') : t('register.personName')}
                  name={['applicant', 'name']}
                  rules={[lengthRule(100, t('common.tooLong', { max: 100 })), required]}
                >
                  <Input {...limitCount(100)} autoComplete="off" />
                </Form.Item>
              </Col>
              {kind === 'enterprise' ? (
                <Col span={half}>
                  <Form.Item
                    label={t('register.creditCode')}
                    name={['applicant', 'creditCode']}
                    normalize={(v: string) => v.toUpperCase()}
                    rules={[
                      creditCodeRule({
                        shape: t('register.creditCodeInvalid'),
                        check: t('register.creditCodeCheck'),
                      }),
                    ]}
                  >
                    <Input {...limitCount(18)} autoComplete="off" style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </Col>
              ) : null}
              <Col span={half}>
                <Form.Item
                  label={t('register.phone')}
                  name={['applicant', 'phone']}
                  rules={[
                    lengthRule(20, t('common.tooLong', { max: 20 })),
                    required,
                    phoneRule(t('register.phoneInvalid')),
                  ]}
                >
                  <Input {...limitCount(20)} inputMode="tel" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={half}>
                <Form.Item
                  label={t('register.address')}
                  name={['applicant', 'address']}
                  rules={[lengthRule(200, t('common.tooLong', { max: 200 }))]}
                >
                  <Input {...limitCount(200)} autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('register.matterSection')} size={isMobile ? 'small' : undefined}>
            <Row gutter={16}>
              <Col span={half}>
                <Form.Item
                  label={t('register.channel')}
                  name="channel"
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Radio.Group
                    optionType="button"
                    options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={half}>
                <Form.Item
                  label={t('register.receivedAt')}
                  name="receivedAt"
                  rules={[
                    { required: true, message: t('common.required') },
                    {
                      validator: (_, value: Dayjs | undefined) =>
                        !value || !value.isAfter(chinaNow().add(5, 'minute'))
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('register.receivedAtFuture'))),
                    },
                  ]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    allowClear={false}
                    disabledDate={(d) => d.isAfter(chinaNow(), 'day')}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item
                  label={t('register.matter')}
                  extra={
                    picked ? (
                      <Flex wrap gap={8} align="center">
                        <span data-testid="register-matter-limit">
                          {picked.timeLimitWorkdays === null
                            ? t('register.matterNoTimeLimit')
                            : t('register.matterTimeLimit', { n: picked.timeLimitWorkdays })}
                        </span>
                        <span>{t('register.matterFromList')}</span>
                        <Button
                          type="link"
                          size="small"
                          style={{ padding: 0 }}
                          data-testid="register-matter-manual"
                          onClick={() => form.setFieldValue('matterId', undefined)}
                        >
                          {t('register.matterManual')}
                        </Button>
                      </Flex>
                    ) : undefined
                  }
                >
                  <Form.Item name="matterId" noStyle>
                    <Select
                      allowClear
                      loading={matters.isFetching}
                      placeholder={t('register.matterPlaceholder')}
                      aria-label={t('register.matter')}
                      options={matterOptions}
                      showSearch={{ optionFilterProp: 'search' }}
                      data-testid="register-matter"
                      onChange={(id: string | undefined) => {
                        const m = matters.data?.items.find((x) => x.id === id);
                        if (m) form.setFieldsValue({ matterType: m.matterType, matterTitle: m.title });
                      }}
                    />
                  </Form.Item>
                </Form.Item>
              </Col>
              <Col span={half}>
                <Form.Item
                  label={t('register.matterType')}
                  name="matterType"
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Select<MatterType>
                    disabled={Boolean(picked)}
                    options={MATTER_TYPES.map((m) => ({ value: m, label: t(`matterType.${m}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item
                  label={t('register.matterTitle')}
                  name="matterTitle"
                  rules={[lengthRule(200, t('common.tooLong', { max: 200 })), required]}
                >
                  <Input
                    {...limitCount(200)}
                    disabled={Boolean(picked)}
                    placeholder={t('register.matterTitlePlaceholder')}
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item
                  label={t('register.description')}
                  name="description"
                  rules={[lengthRule(5000, t('common.tooLong', { max: 5000 })), required]}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 4, maxRows: 12 }}
                    {...limitCount(5000)}

                    placeholder={t('register.descriptionPlaceholder')}
                  />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('register.handlingSection')} size={isMobile ? 'small' : undefined}>
            <Row gutter={16}>
              <Col span={half}>
                <Form.Item
                  label={t('register.department')}
                  name="departmentId"
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Select options={mine} disabled={noCompetentDepartment} />
                </Form.Item>
                <Form.Item
                  name="noCompetentDepartment"
                  valuePropName="checked"
                  extra={noCompetentDepartment ? t('register.noCompetentDepartmentHint') : undefined}
                >
                  <Checkbox
                    data-testid="register-no-competent-department"
                    onChange={(e) => {
                      if (e.target.checked) form.setFieldValue('departmentId', initialDepartmentId);
                    }}
                  >
                    {t('register.noCompetentDepartment')}
                  </Checkbox>
                </Form.Item>
              </Col>
              <Col span={half}>
                <Form.Item
                  label={t('register.coDepartments')}
                  name="coDepartmentIds"
                  extra={t('register.coDepartmentsHint')}
                >
                  <Select
                    mode="multiple"
                    allowClear
                    loading={tree.isPending}
                    options={coOptions}
                    showSearch={{ optionFilterProp: 'search' }}
                    maxCount={10}
                  />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Flex gap={8} justify={isMobile ? 'stretch' : 'start'}>
            <Button onClick={() => void navigate(-1)} block={isMobile}>
              {t('common.cancel')}
            </Button>
            <Button
              type="primary"
              htmlType="submit"
              loading={register.isPending}
              disabled={register.isPending}
              block={isMobile}
              data-testid="register-submit"
            >
              {t('register.submit')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </>
  );
}
