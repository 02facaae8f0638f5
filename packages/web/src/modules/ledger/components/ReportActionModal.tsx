// One modal for the steps on a report: its form, a confirmation before every step that cannot be taken
// back, the request with the form's idempotency key (a double click files once), and what to do when
// someone acted first (409: the report reloads and the reader is told).
import { useEffect } from 'react';
import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { DEFAULT_ORDER_WORKDAYS, MAX_ORDER_WORKDAYS, REPORT_NOTE_MAX, REPORT_TEXT_MAX } from '@bancheng/core';
import type { ReportDetail } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { lengthRule, limitCount } from '../../../ui/formRules.ts';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useFormSubmission } from '../../../ui/useFormKeys.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useSticky } from '../../../ui/useSticky.ts';
import { departmentOptions, useOrgTree } from '../../org/hooks/useOrg.ts';
import {
  recordFinding,
  referReport,
  replyToReporter,
  superviseReport,
  triageReport,
  verifyOrder,
} from '../api/ledger.ts';
import { useReportStep } from '../hooks/useLedger.ts';

/** The steps with a form of their own (linking, materials and the reveal happen in place). */
export type ReportFormAction =
  'triage' | 'supervise' | 'verifyOrder' | 'referToDiscipline' | 'recordFinding' | 'reply';

interface Values {
  decision?: 'inScope' | 'outOfScope';
  note?: string;
  publicAnswer?: string;
  sendSms?: boolean;
  departmentId?: string;
  instructions?: string;
  dueWorkdays?: number;
  orderId?: string;
  accept?: boolean;
  reason?: string;
  text?: string;
  substantiated?: boolean;
  notes?: string;
  accountability?: string;
}

type Step =
  | { kind: 'triage'; body: Parameters<typeof triageReport>[1] }
  | { kind: 'supervise'; body: Parameters<typeof superviseReport>[1] }
  | { kind: 'verifyOrder'; orderId: string; body: Parameters<typeof verifyOrder>[1] }
  | { kind: 'referToDiscipline'; body: { note: string } }
  | { kind: 'recordFinding'; body: Parameters<typeof recordFinding>[1] }
  | { kind: 'reply'; body: { text: string; sendSms: boolean } };

const s = (v: string | undefined) => (v ?? '').trim();

function stepOf(action: ReportFormAction, v: Values): Step {
  switch (action) {
    case 'triage':
      return v.decision === 'outOfScope'
        ? {
            kind: 'triage',
            body: { decision: 'outOfScope', publicAnswer: s(v.publicAnswer), sendSms: v.sendSms === true },
          }
        : { kind: 'triage', body: { decision: 'inScope', ...(s(v.note) && { note: s(v.note) }) } };
    case 'supervise':
      return {
        kind: 'supervise',
        body: {
          departmentId: v.departmentId ?? '',
          instructions: s(v.instructions),
          dueWorkdays: v.dueWorkdays ?? DEFAULT_ORDER_WORKDAYS,
        },
      };
    case 'verifyOrder':
      return {
        kind: 'verifyOrder',
        orderId: v.orderId ?? '',
        body: v.accept === false ? { accept: false, reason: s(v.reason) } : { accept: true },
      };
    case 'referToDiscipline':
      return { kind: 'referToDiscipline', body: { note: s(v.note) } };
    case 'recordFinding':
      return {
        kind: 'recordFinding',
        body: {
          substantiated: v.substantiated === true,
          notes: s(v.notes),
          accountability: s(v.accountability) || null,
        },
      };
    case 'reply':
      return { kind: 'reply', body: { text: s(v.text), sendSms: v.sendSms === true } };
  }
}

function confirmationOf(step: Step): MessageKey {
  switch (step.kind) {
    case 'triage':
      return step.body.decision === 'outOfScope'
        ? 'reportForm.confirmOutOfScope'
        : 'reportForm.confirmInScope';
    case 'supervise':
      return 'reportForm.confirmSupervise';
    case 'verifyOrder':
      return step.body.accept ? 'reportForm.confirmAccept' : 'reportForm.confirmSendBack';
    case 'referToDiscipline':
      return 'reportForm.confirmReferral';
    case 'recordFinding':
      return 'reportForm.confirmFinding';
    case 'reply':
      return 'reportForm.confirmReply';
  }
}

function send(r: ReportDetail, step: Step, key: string): Promise<ReportDetail> {
  const id = r.id;
  switch (step.kind) {
    case 'triage':
      return triageReport(id, step.body, key);
    case 'supervise':
      return superviseReport(id, step.body, key);
    case 'verifyOrder':
      return verifyOrder(step.orderId, step.body, key);
    case 'referToDiscipline':
      return referReport(id, step.body, key);
    case 'recordFinding':
      return recordFinding(r.referral?.id ?? '', step.body, key);
    case 'reply':
      return replyToReporter(id, step.body, key);
  }
}

export function ReportActionModal({
  r,
  action,
  onClose,
}: {
  r: ReportDetail;
  action: ReportFormAction | null;
  onClose: () => void;
}) {
  const t = useT();
  const { modal, notification, message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const tree = useOrgTree();
  const submission = useFormSubmission();
  const shown = useSticky(action);
  const step = useReportStep(r.id, (v: { step: Step; key: string }) => send(r, v.step, v.key));
  const decision = Form.useWatch('decision', form);
  const accept = Form.useWatch('accept', form);
  const orderId = Form.useWatch('orderId', form);
  const title = shown ? t(`reportAction.${shown}`) : '';
  const answered = r.orders.filter((o) => o.state === 'answered');
  const canSms = r.reporter.hasPhone && r.reporter.wantsSms;

  useEffect(() => {
    if (!action) return;
    submission.keys.reset();
    form.resetFields();
    form.setFieldsValue({
      decision: 'inScope',
      dueWorkdays: DEFAULT_ORDER_WORKDAYS,
      departmentId: action === 'supervise' ? (r.departmentId ?? undefined) : undefined,
      orderId: answered[0]?.id,
      accept: true,
      sendSms: canSms,
    });
    // Only when a form opens: later changes to the report must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action, form]);

  const submit = (body: Step) => {
    const key = submission.keys.keyFor(body);
    return step
      .mutateAsync({ step: body, key })
      .then(() => {
        submission.keys.reset();
        message.success(t('reportAction.done'));
        onClose();
      })
      .catch((e: unknown) => {
        if (isApiError(e) && e.status === 409) {
          onClose();
          notification.warning({ title, description: `${e.message} ${t('reportAction.conflict')}` });
          return;
        }
        showError(e, form, title);
      })
      .finally(() => submission.end());
  };

  const onFinish = (values: Values) => {
    // A second click while the request is in flight or its confirmation is open does nothing.
    if (!shown || !submission.begin()) return;
    const body = stepOf(shown, values);
    modal.confirm({
      title: t('reportForm.confirmTitle'),
      content: t(confirmationOf(body)),
      okText: t('reportForm.confirmOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...testId('report-confirm') },
      onOk: () => submit(body),
      onCancel: () => submission.end(),
    });
  };

  const required = { required: true, whitespace: true, message: t('common.required') };
  const requiredChoice = { required: true, message: t('common.required') };
  const area = (rows = 4) => ({ autoSize: { minRows: rows, maxRows: 14 } });
  const text = (
    name: keyof Values,
    label: MessageKey,
    max: number,
    opts: { placeholder?: MessageKey; optional?: boolean } = {},
  ) => (
    <Form.Item
      label={t(label)}
      name={name}
      rules={[lengthRule(max, t('common.tooLong', { max })), ...(opts.optional ? [] : [required])]}
    >
      <Input.TextArea
        {...limitCount(max)}
        {...area()}
        placeholder={opts.placeholder ? t(opts.placeholder) : undefined}
        data-testid={`report-form-${name}`}
      />
    </Form.Item>
  );
  const sms = (
    <Form.Item
      name="sendSms"
      valuePropName="checked"
      extra={canSms ? undefined : t('reportForm.smsUnavailable')}
    >
      <Checkbox disabled={!canSms} data-testid="report-form-sendSms">
        {t('reportForm.sendSms')}
      </Checkbox>
    </Form.Item>
  );

  const fields = () => {
    switch (shown) {
      case 'triage':
        return (
          <>
            <Form.Item label={t('reportForm.decision')} name="decision" rules={[requiredChoice]}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                <Radio value="inScope" data-testid="triage-inScope">
                  {t('triage.inScope')}
                </Radio>
                <Radio value="outOfScope" data-testid="triage-outOfScope">
                  {t('triage.outOfScope')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t(decision === 'outOfScope' ? 'reportForm.outOfScopeHint' : 'reportForm.inScopeHint')}
            />
            {decision === 'outOfScope' ? (
              <>
                {text('publicAnswer', 'reportForm.publicAnswer', REPORT_TEXT_MAX, {
                  placeholder: 'reportForm.publicAnswerPlaceholder',
                })}
                {sms}
              </>
            ) : (
              text('note', 'reportForm.note', REPORT_NOTE_MAX, { optional: true })
            )}
          </>
        );
      case 'supervise':
        return (
          <>
            <Form.Item label={t('reportForm.department')} name="departmentId" rules={[requiredChoice]}>
              <Select
                showSearch={{ optionFilterProp: 'search' }}
                options={departmentOptions(tree.data)}
                data-testid="report-form-departmentId"
              />
            </Form.Item>
            {text('instructions', 'reportForm.instructions', REPORT_NOTE_MAX, {
              placeholder: 'reportForm.instructionsPlaceholder',
            })}
            <Form.Item
              label={t('reportForm.dueWorkdays')}
              name="dueWorkdays"
              extra={t('reportForm.dueWorkdaysHint')}
              rules={[requiredChoice]}
            >
              <InputNumber
                min={1}
                max={MAX_ORDER_WORKDAYS}
                precision={0}
                data-testid="report-form-dueWorkdays"
              />
            </Form.Item>
          </>
        );
      case 'verifyOrder': {
        const chosen = answered.find((o) => o.id === orderId);
        return (
          <>
            <Form.Item label={t('reportForm.order')} name="orderId" rules={[requiredChoice]}>
              <Select
                options={answered.map((o) => ({ value: o.id, label: `${o.unitName} ${o.departmentName}` }))}
                data-testid="report-form-orderId"
              />
            </Form.Item>
            {chosen?.answers.at(-1) ? (
              <Typography.Paragraph
                type="secondary"
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                ellipsis={{ rows: 6, expandable: 'collapsible' }}
              >
                {t('reportForm.answerToVerify')}
                {t('common.colon')}
                {chosen.answers.at(-1)?.text}
              </Typography.Paragraph>
            ) : null}
            <Form.Item label={t('reportForm.verifyResult')} name="accept" rules={[requiredChoice]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: <span data-testid="verify-accept">{t('reportForm.accept')}</span> },
                  {
                    value: false,
                    label: <span data-testid="verify-sendBack">{t('reportForm.sendBack')}</span>,
                  },
                ]}
              />
            </Form.Item>
            {accept === false ? text('reason', 'reportForm.sendBackReason', REPORT_NOTE_MAX) : null}
          </>
        );
      }
      case 'referToDiscipline':
        return text('note', 'reportForm.referralNote', REPORT_NOTE_MAX, {
          placeholder: 'reportForm.referralPlaceholder',
        });
      case 'recordFinding':
        return (
          <>
            <Form.Item label={t('reportForm.substantiated')} name="substantiated" rules={[requiredChoice]}>
              <Radio.Group
                optionType="button"
                options={[
                  {
                    value: true,
                    label: (
                      <span data-testid="finding-substantiated">{t('report.findingSubstantiated')}</span>
                    ),
                  },
                  {
                    value: false,
                    label: (
                      <span data-testid="finding-notSubstantiated">
                        {t('report.findingNotSubstantiated')}
                      </span>
                    ),
                  },
                ]}
              />
            </Form.Item>
            {text('notes', 'reportForm.findingNotes', REPORT_TEXT_MAX)}
            {text('accountability', 'reportForm.accountability', REPORT_NOTE_MAX, {
              optional: true,
              placeholder: 'reportForm.accountabilityPlaceholder',
            })}
          </>
        );
      case 'reply':
        return (
          <>
            {text('text', 'reportForm.replyText', REPORT_TEXT_MAX, {
              placeholder: 'reportForm.replyPlaceholder',
            })}
            {sms}
          </>
        );
      default:
        return null;
    }
  };

  // 取消 (or the close button, or Esc) on a form holding what the person typed asks before dropping it.
  const cancel = () => {
    if (!form.isFieldsTouched()) {
      onClose();
      return;
    }
    modal.confirm({
      title: t('reportForm.discardTitle'),
      content: t('reportForm.discardText'),
      okText: t('reportForm.discardOk'),
      cancelText: t('reportForm.discardKeep'),
      okButtonProps: { danger: true, ...testId('report-discard') },
      onOk: onClose,
    });
  };

  return (
    <Modal
      open={action !== null}
      title={title}
      onCancel={cancel}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: step.isPending, disabled: step.isPending, ...testId('report-submit') }}
      width={isMobile ? '100%' : 640}
      mask={{ closable: false }}
      forceRender
    >
      <Form form={form} name="report" layout="vertical" onFinish={onFinish}>
        {fields()}
      </Form>
    </Modal>
  );
}
