// 事项信息: who asked, how and when, what, and who handles it. The phone is masked until revealed.
import { useState } from 'react';
import { Button, Card, Descriptions, Tag, Tooltip, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { CaseDetail } from '@bancheng/core';
import { useLang, useT } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useRevealPhone } from '../hooks/useCases.ts';

/** The applicant's phone: masked, with 显示 for people working the case (each reveal is audited). */
export function ApplicantPhone({ c }: { c: CaseDetail }) {
  const t = useT();
  const showError = useApiError();
  const reveal = useRevealPhone(c.id);
  const [phone, setPhone] = useState<string | null>(null);
  return (
    <span>
      <Typography.Text data-testid="applicant-phone" copyable={phone ? { text: phone } : false}>
        {phone ?? c.applicantPhone}
      </Typography.Text>
      {c.abilities.revealPhone && !phone ? (
        <Tooltip title={t('case.revealPhoneHint')}>
          <Button
            type="link"
            size="small"
            className="no-print"
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            onClick={() =>
              reveal.mutate(undefined, {
                onSuccess: (r) => setPhone(r.phone),
                onError: (e) => showError(e, undefined, t('case.revealPhone')),
              })
            }
            data-testid="reveal-phone"
          >
            {t('case.revealPhone')}
          </Button>
        </Tooltip>
      ) : null}
    </span>
  );
}

export function CaseInfo({ c }: { c: CaseDetail }) {
  const t = useT();
  const { lang } = useLang();
  const isMobile = useIsMobile();
  const items: DescriptionsProps['items'] = [
    {
      key: 'applicant',
      label: t('case.applicant'),
      children: (
        <span data-testid="case-applicant">
          {c.applicantName} <Tag>{t(`applicantKind.${c.applicantKind}`)}</Tag>
        </span>
      ),
    },
    { key: 'phone', label: t('case.phone'), children: <ApplicantPhone c={c} /> },
    ...(c.applicantCreditCode
      ? [{ key: 'creditCode', label: t('case.creditCode'), children: c.applicantCreditCode }]
      : []),
    ...(c.applicantAddress
      ? [{ key: 'address', label: t('case.address'), children: c.applicantAddress }]
      : []),
    { key: 'channel', label: t('case.channel'), children: t(`channel.${c.channel}`) },
    {
      key: 'receivedAt',
      label: t('case.receivedAt'),
      children: <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt)}</time>,
    },
    { key: 'matterType', label: t('case.matterType'), children: t(`matterType.${c.matterType}`) },
    {
      key: 'matter',
      label: t('case.matter'),
      span: 'filled',
      children: <Typography.Text strong>{c.matterTitle}</Typography.Text>,
    },
    {
      key: 'description',
      label: t('case.description'),
      span: 'filled',
      children: (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
          data-testid="case-description"
        >
          {c.description}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'department',
      label: t('case.department'),
      children: `${c.unitName} · ${c.departmentName}`,
    },
    { key: 'firstResponder', label: t('case.firstResponder'), children: c.firstResponder.displayName },
    ...(c.crossDepartment || c.coDepartments.length > 0
      ? [
          {
            key: 'coDepartments',
            label: t('case.coDepartments'),
            span: 'filled' as const,
            children: (
              <span>
                <Tag color="purple">{t('case.crossDepartment')}</Tag>
                {c.coDepartments.map((d) => d.departmentName).join(lang === 'zh' ? '、' : ', ')}
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card title={t('case.infoTitle')} size={isMobile ? 'small' : undefined}>
      <Descriptions
        items={items}
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        size="small"
        bordered={!isMobile}
        layout={isMobile ? 'vertical' : 'horizontal'}
      />
    </Card>
  );
}
