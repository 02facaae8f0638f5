// 会商: the consultation the case waits for (or the last one): the lead's feasible suggestion, the convener,
// who was invited and who was present, the meeting and its conclusion; the convener's invitation form
// (from the people directory); the minutes (会商纪要) as DOCX once recorded. Earlier ones below.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Divider, Flex, Select, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { CaseDetail } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useFormSubmission } from '../../../ui/useFormKeys.ts';
import { consultationMinutesUrl } from '../api/consultations.ts';
import { useConsultationCandidates, useInviteToConsultation } from '../hooks/useConsultations.ts';

type Consultation = CaseDetail['facts']['consultations'][number];

function PeopleTags({ consultation }: { consultation: Consultation }) {
  const t = useT();
  return (
    <Flex gap={4} wrap data-testid="consultation-people">
      {consultation.people.map((p) => (
        <Tag
          key={p.person.id}
          color={p.present === true ? 'green' : p.present === false ? 'default' : 'blue'}
          data-testid="consultation-person"
          data-username={p.person.username}
        >
          {p.person.displayName}
          {p.role === 'convener' ? ` · ${t('consultation.roleConvener')}` : ''}
          {' · '}
          {t(
            p.present === true
              ? 'consultation.present'
              : p.present === false
                ? 'consultation.absent'
                : 'consultation.invited',
          )}
        </Tag>
      ))}
    </Flex>
  );
}

function ConsultationFacts({ consultation }: { consultation: Consultation }) {
  const t = useT();
  const m = consultation.meeting;
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label={t('consultation.requestedBy')}>
        {consultation.requestedBy.displayName} · {formatDateTime(consultation.requestedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('consultation.proposal')}>
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{consultation.proposal}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('consultation.convener')}>
        <span data-testid="consultation-convener">{consultation.convener?.displayName ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('consultation.people')}>
        <PeopleTags consultation={consultation} />
      </Descriptions.Item>
      {m ? (
        <>
          <Descriptions.Item label={t('consultation.heldAt')}>{formatDateTime(m.heldAt)}</Descriptions.Item>
          <Descriptions.Item label={t('consultation.place')}>{m.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('consultation.conclusion')}>
            <Tag
              color={m.conclusion === 'resolvable' ? 'green' : 'orange'}
              data-testid="consultation-conclusion"
            >
              {t(
                m.conclusion === 'resolvable'
                  ? 'actionForm.conclusionResolvable'
                  : 'actionForm.conclusionNotResolvable',
              )}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('consultation.record')}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{m.record}</Typography.Text>
          </Descriptions.Item>
        </>
      ) : null}
    </Descriptions>
  );
}

function InviteForm({ c }: { c: CaseDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [picked, setPicked] = useState<string[]>([]);
  const candidates = useConsultationCandidates(c.id, true);
  const invite = useInviteToConsultation(c.id);
  const submission = useFormSubmission();
  const already = new Set(c.facts.consultations.at(-1)?.people.map((p) => p.person.id) ?? []);
  const options = (candidates.data?.items ?? [])
    .filter((p) => !already.has(p.id))
    .map((p) => ({ value: p.id, label: `${p.displayName}（${p.departmentName}）`, username: p.username }));
  const onInvite = () => {
    if (picked.length === 0 || !submission.begin()) return;
    const body = { personIds: picked };
    invite.mutate(
      { body, idempotencyKey: submission.keys.keyFor(body) },
      {
        onSuccess: () => {
          submission.keys.reset();
          setPicked([]);
          message.success(t('consultation.invitedToast'));
        },
        onError: (e) => showError(e, undefined, t('consultation.invite')),
        onSettled: () => submission.end(),
      },
    );
  };
  return (
    <Flex vertical gap={8} data-testid="consultation-invite">
      <Typography.Text strong>{t('consultation.invite')}</Typography.Text>
      <Select
        mode="multiple"
        value={picked}
        onChange={setPicked}
        loading={candidates.isPending}
        options={options}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('consultation.invitePlaceholder')}
        maxCount={30}
        data-testid="consultation-invite-select"
      />
      <div>
        <Button
          type="primary"
          onClick={onInvite}
          loading={invite.isPending}
          disabled={invite.isPending || picked.length === 0}
          data-testid="consultation-invite-submit"
        >
          {t('consultation.inviteSubmit')}
        </Button>
      </div>
    </Flex>
  );
}

export function CaseConsultation({ c, viewerId }: { c: CaseDetail; viewerId: string | undefined }) {
  const t = useT();
  const all = c.facts.consultations;
  const current = all.at(-1);
  if (!current) return null;
  const waiting = c.state === 'inConsultation' && current.meeting === null;
  const invited = waiting && current.people.some((p) => p.role === 'invitee' && p.person.id === viewerId);
  const recorded = all.some((x) => x.meeting !== null);
  return (
    <Card
      title={t('consultation.title')}
      data-testid="case-consultation"
      extra={
        recorded ? (
          <Button
            icon={<DownloadOutlined />}
            href={consultationMinutesUrl(c.id)}
            data-testid="consultation-minutes"
          >
            {t('consultation.minutes')}
          </Button>
        ) : null
      }
    >
      {invited ? (
        <Alert type="info" showIcon title={t('consultation.inviteeHint')} style={{ marginBottom: 12 }} />
      ) : null}
      {waiting ? (
        <Typography.Paragraph type="secondary">{t('consultation.waiting')}</Typography.Paragraph>
      ) : null}
      <ConsultationFacts consultation={current} />
      {c.abilities.inviteToConsultation ? <InviteForm c={c} /> : null}
      {all.length > 1 ? (
        <>
          <Divider>{t('consultation.earlier')}</Divider>
          {all.slice(0, -1).map((x) => (
            <ConsultationFacts key={x.id} consultation={x} />
          ))}
        </>
      ) : null}
    </Card>
  );
}
