// One modal for every action on a case: its form, a confirmation before irreversible steps, the request
// with the case's version, and what to do when someone acted first (409: reload and say so).
import { useEffect } from 'react';
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { REFUSAL_REASONS } from '@bancheng/core';
import type { CaseAction, CaseActionBody, CaseDetail } from '@bancheng/core';
import { ApiError, isApiError } from '../../../api/client.ts';
import { useLang, useT } from '../../../i18n/index.tsx';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { lengthRule, limitCount } from '../../../ui/formRules.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useSticky } from '../../../ui/useSticky.ts';
import { useFormSubmission } from '../../../ui/useFormKeys.ts';
import { useCaseAction } from '../hooks/useCases.ts';
import { bodyOf, confirmationOf, initialValues, type Values } from './action-form.ts';
import { RoundActionFields } from './RoundActionFields.tsx';
import { ReplyActionFields } from './ReplyActionFields.tsx';

/** Field errors come back as `action.opinion`; the form's fields are named without the prefix. */
function withoutActionPrefix(error: unknown): unknown {
  if (!isApiError(error) || !error.fields) return error;
  const fields = Object.fromEntries(
    Object.entries(error.fields).map(([path, message]) => [path.replace(/^action\./, ''), message]),
  );
  return new ApiError(error.status, error.code, error.message, fields, error.details);
}

export function ActionModal({
  c,
  action,
  onClose,
}: {
  c: CaseDetail;
  /** The action whose form is open; null when closed. */
  action: CaseAction | null;
  onClose: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { modal, notification, message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const act = useCaseAction(c.id);
  // One key per opened form: a double click on OK (or on the confirmation's OK), or a retry after a lost
  // answer, makes one decision.
  const submission = useFormSubmission();
  const shown = useSticky(action);
  const decision = Form.useWatch('decision', form);
  const title = shown ? t(`caseAction.${shown}`) : '';
  // The people invited to the consultation waiting for its meeting, to mark present.
  const invitees =
    c.facts.consultations
      .at(-1)
      ?.people.filter((p) => p.role === 'invitee' && c.state === 'inConsultation') ?? [];

  useEffect(() => {
    if (!action) return;
    submission.keys.reset();
    form.resetFields();
    form.setFieldsValue(initialValues(action, c, t, lang));
    // Only when a form opens: later changes to the case must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action, form]);

  const submit = (body: CaseActionBody) => {
    const request = { version: c.version, action: body };
    return act
      .mutateAsync({ ...request, idempotencyKey: submission.keys.keyFor(request) })
      .then(() => {
        submission.keys.reset();
        message.success(t('caseAction.done'));
        onClose();
      })
      .catch((e: unknown) => {
        if (isApiError(e) && e.status === 409) {
          // Someone acted first (or the case moved on): the hook reloads it; say so in plain words.
          onClose();
          notification.warning({
            title,
            description: t(isApiError(e, 'VERSION_CONFLICT') ? 'caseAction.conflict' : 'caseAction.moved'),
          });
          return;
        }
        showError(withoutActionPrefix(e), form, title);
      })
      .finally(() => submission.end());
  };

  const onFinish = (values: Values) => {
    // A second click while the request is in flight or its confirmation is open does nothing.
    if (!shown || !submission.begin()) return;
    const body = bodyOf(shown, values);
    const confirmation = confirmationOf(body);
    if (!confirmation) {
      void submit(body);
      return;
    }
    modal.confirm({
      title: t('actionForm.confirmTitle'),
      content: t(confirmation),
      okText: t('actionForm.confirmOk'),
      cancelText: t('common.cancel'),
      // Red for the final refusal; an escalation or a reply is no loss of the case.
      okButtonProps: {
        danger: body.type === 'decide' && body.decision === 'refuse',
        ...testId('action-confirm'),
      },
      onOk: () => submit(body),
      onCancel: () => submission.end(),
    });
  };

  const required = { required: true, whitespace: true, message: t('common.required') };
  const requiredChoice = { required: true, message: t('common.required') };
  const area = (rows = 4) => ({ autoSize: { minRows: rows, maxRows: 16 } });
  const otherResponders = c.chain.firstResponders.filter((p) => p.id !== c.firstResponder.id);

  const fields = () => {
    switch (shown) {
      case 'handOver':
        return (
          <>
            {otherResponders.length === 0 ? (
              <Alert
                type="warning"
                showIcon
                title={t('actionForm.noOtherResponders')}
                style={{ marginBottom: 16 }}
              />
            ) : null}
            <Form.Item label={t('actionForm.toPerson')} name="toPersonId" rules={[requiredChoice]}>
              <Select
                placeholder={t('actionForm.toPersonPlaceholder')}
                options={otherResponders.map((p) => ({ value: p.id, label: p.displayName }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
            <Form.Item
              label={t('actionForm.handOverNote')}
              name="note"
              rules={[lengthRule(1000, t('common.tooLong', { max: 1000 }))]}
            >
              <Input.TextArea {...limitCount(1000)} {...area(2)} />
            </Form.Item>
          </>
        );
      case 'closeDone':
        return (
          <Form.Item
            label={t('actionForm.closeNote')}
            name="note"
            rules={[lengthRule(5000, t('common.tooLong', { max: 5000 })), required]}
          >
            <Input.TextArea
              {...limitCount(5000)}
              placeholder={t('actionForm.closeNotePlaceholder')}
              {...area()}
            />
          </Form.Item>
        );
      case 'giveOneTimeNotice':
        return (
          <Form.Item
            label={t('actionForm.notice')}
            name="notice"
            extra={t('actionForm.noticeHint')}
            rules={[lengthRule(10000, t('common.tooLong', { max: 10000 })), required]}
          >
            <Input.TextArea {...limitCount(10000)} {...area(10)} />
          </Form.Item>
        );
      case 'proposeRefusal':
        return (
          <>
            <Alert type="info" showIcon title={t('actionForm.proposeHint')} style={{ marginBottom: 16 }} />
            <Form.Item label={t('actionForm.reason')} name="reason" rules={[requiredChoice]}>
              <Select options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`refusalReason.${r}`) }))} />
            </Form.Item>
            <Form.Item
              label={t('actionForm.reasonText')}
              name="reasonText"
              rules={[lengthRule(5000, t('common.tooLong', { max: 5000 })), required]}
            >
              <Input.TextArea
                {...limitCount(5000)}
                placeholder={t('actionForm.reasonTextPlaceholder')}
                {...area()}
              />
            </Form.Item>
          </>
        );
      case 'decide':
        return (
          <>
            {c.refusalReasonText ? (
              <Typography.Paragraph
                type="secondary"
                style={{ whiteSpace: 'pre-wrap' }}
                ellipsis={{ rows: 4, expandable: 'collapsible' }}
              >
                {t('case.reason')}
                {t('common.colon')}
                {c.refusalReason ? `【${t(`refusalReason.${c.refusalReason}`)}】` : ''}
                {c.refusalReasonText}
              </Typography.Paragraph>
            ) : null}
            <Form.Item label={t('actionForm.decision')} name="decision" rules={[requiredChoice]}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {c.abilities.decisions.map((d) => (
                  <Radio key={d} value={d} data-testid={`decision-${d}`}>
                    {t(`decision.${d}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              label={t('actionForm.opinion')}
              name="opinion"
              rules={[lengthRule(5000, t('common.tooLong', { max: 5000 })), required]}
            >
              <Input.TextArea
                {...limitCount(5000)}
                placeholder={t('actionForm.opinionPlaceholder')}
                {...area()}
              />
            </Form.Item>
            {decision === 'refuse' ? (
              <Form.Item
                label={t('actionForm.workableSuggestion')}
                name="workableSuggestion"
                extra={t('actionForm.workableSuggestionHint')}
                rules={[lengthRule(5000, t('common.tooLong', { max: 5000 })), required]}
              >
                <Input.TextArea {...limitCount(5000)} {...area()} />
              </Form.Item>
            ) : null}
          </>
        );
      case 'requestConsultation':
        return (
          <>
            <Form.Item
              label={t('actionForm.proposal')}
              name="proposal"
              rules={[lengthRule(5000, t('common.tooLong', { max: 5000 })), required]}
            >
              <Input.TextArea
                {...limitCount(5000)}
                placeholder={t('actionForm.proposalPlaceholder')}
                {...area()}
              />
            </Form.Item>
            <Form.Item
              label={t('actionForm.convener')}
              name="convenerId"
              extra={t('actionForm.convenerHint')}
              rules={[requiredChoice]}
            >
              <Select
                data-testid="action-convener"
                options={c.abilities.conveners.map((p) => ({ value: p.id, label: p.displayName }))}
              />
            </Form.Item>
          </>
        );
      case 'recordConsultation':
        return (
          <>
            <Form.Item label={t('actionForm.heldAt')} name="heldAt" rules={[requiredChoice]}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item
              label={t('actionForm.place')}
              name="place"
              rules={[lengthRule(200, t('common.tooLong', { max: 200 }))]}
            >
              <Input {...limitCount(200)} />
            </Form.Item>
            {invitees.length > 0 ? (
              <Form.Item label={t('actionForm.presentIds')} name="presentIds">
                <Checkbox.Group
                  data-testid="action-present"
                  options={invitees.map((p) => ({ value: p.person.id, label: p.person.displayName }))}
                />
              </Form.Item>
            ) : null}
            <Form.Item
              label={t('actionForm.participants')}
              name="participants"
              rules={[lengthRule(1000, t('common.tooLong', { max: 1000 })), required]}
            >
              <Input {...limitCount(1000)} />
            </Form.Item>
            <Form.Item label={t('actionForm.conclusion')} name="conclusion" rules={[requiredChoice]}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                <Radio value="resolvable" data-testid="conclusion-resolvable">
                  {t('actionForm.conclusionResolvable')}
                </Radio>
                <Radio value="notResolvable" data-testid="conclusion-notResolvable">
                  {t('actionForm.conclusionNotResolvable')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              label={t('actionForm.record')}
              name="record"
              rules={[lengthRule(10000, t('common.tooLong', { max: 10000 })), required]}
            >
              <Input.TextArea {...limitCount(10000)} {...area(6)} />
            </Form.Item>
          </>
        );
      case 'recordReply':
        return <ReplyActionFields c={c} form={form} />;
      case 'recordFeedback':
        return (
          <>
            <Form.Item label={t('actionForm.accepted')} name="accepted" rules={[requiredChoice]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('actionForm.acceptedYes') },
                  { value: false, label: t('actionForm.acceptedNo') },
                ]}
              />
            </Form.Item>
            <Form.Item
              label={t('actionForm.feedbackText')}
              name="text"
              rules={[lengthRule(5000, t('common.tooLong', { max: 5000 }))]}
            >
              <Input.TextArea {...limitCount(5000)} {...area()} />
            </Form.Item>
          </>
        );
      case 'recordFollowUp':
      case 'reopenRound':
      case 'withdrawProposal':
        return <RoundActionFields action={shown} />;
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
      title: t('case.discardTitle'),
      content: t('case.discardText'),
      okText: t('case.discardOk'),
      cancelText: t('case.discardKeep'),
      okButtonProps: { danger: true, ...testId('action-discard') },
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
      okButtonProps={{ loading: act.isPending, disabled: act.isPending, ...testId('action-submit') }}
      width={isMobile ? '100%' : 640}
      mask={{ closable: false }}
      forceRender
    >
      <Form form={form} name="action" layout="vertical" onFinish={onFinish}>
        {fields()}
      </Form>
    </Modal>
  );
}
