// The actions panel: exactly the actions the server says this person may take now, each opening its form.
import { useState } from 'react';
import { Button, Card, Flex, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CommentOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FormOutlined,
  PhoneOutlined,
  RedoOutlined,
  RollbackOutlined,
  SearchOutlined,
  SwapOutlined,
  TeamOutlined,
  AuditOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CaseAction, CaseDetail } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { ActionModal } from './ActionModal.tsx';

const ICONS: Record<CaseAction, ReactNode> = {
  handOver: <SwapOutlined />,
  closeDone: <CheckCircleOutlined />,
  giveOneTimeNotice: <FileDoneOutlined />,
  proposeRefusal: <FormOutlined />,
  decide: <AuditOutlined />,
  requestConsultation: <TeamOutlined />,
  recordConsultation: <TeamOutlined />,
  recordReply: <PhoneOutlined />,
  recordFeedback: <CommentOutlined />,
  recordFollowUp: <SearchOutlined />,
  reopenRound: <RedoOutlined />,
  withdrawProposal: <RollbackOutlined />,
};

/** The step the case waits for comes first and stands out. */
const PRIMARY: readonly CaseAction[] = [
  'decide',
  'closeDone',
  'recordReply',
  'recordFeedback',
  'recordConsultation',
];

export function CaseActions({ c }: { c: CaseDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const [active, setActive] = useState<CaseAction | null>(null);
  const actions = c.abilities.actions;
  const primary = actions.find((a) => PRIMARY.includes(a));

  return (
    <Card title={t('case.actionsTitle')} size={isMobile ? 'small' : undefined} data-testid="case-actions">
      <Flex vertical gap={8}>
        {actions.length === 0 ? (
          <Typography.Text type="secondary" data-testid="case-no-actions">
            {t('case.noActions')}
          </Typography.Text>
        ) : (
          actions.map((action) => (
            <Button
              key={action}
              block
              type={action === primary ? 'primary' : 'default'}
              danger={action === 'proposeRefusal'}
              icon={ICONS[action]}
              onClick={() => setActive(action)}
              data-testid={`action-${action}`}
              style={{ whiteSpace: 'normal', height: 'auto', minHeight: 32, textAlign: 'start' }}
            >
              {t(`caseAction.${action}`)}
            </Button>
          ))
        )}
        <Link to={`/cases/${encodeURIComponent(c.id)}/form`} data-testid="case-form-link">
          <Button block type="link" icon={<FileTextOutlined />}>
            {t('case.formLink')}
          </Button>
        </Link>
      </Flex>
      <ActionModal c={c} action={active} onClose={() => setActive(null)} />
    </Card>
  );
}
