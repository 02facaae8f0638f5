// The case page: header (number, state, deadline), facts, approval progress, timeline, and what the
// signed-in person may do now. On phones the actions come right after the header.
import { Alert, Button, Card, Col, Flex, Result, Row, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { CaseDetail } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { today } from '../../../ui/dates.ts';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { replyLetterDocxUrl } from '../api/cases.ts';
import { useCase, useWorkdaysLeft } from '../hooks/useCases.ts';
import { ApprovalProgress } from './ApprovalProgress.tsx';
import { CaseAttachments } from './CaseAttachments.tsx';
import { CaseTrackingCard, RegistrationReceipt } from '../../tracking/components/CaseTrackingCard.tsx';
import { CaseClocks } from './CaseClocks.tsx';
import { CaseContributions } from './CaseContributions.tsx';
import { CaseCoDepartments } from './CaseCoDepartments.tsx';
import { CaseConsultation } from './CaseConsultation.tsx';
import { useMe } from '../../auth/hooks/useAuth.ts';
import { CaseActions } from './CaseActions.tsx';
import { CaseInfo } from './CaseInfo.tsx';
import { CaseRounds } from './CaseRounds.tsx';
import { CaseOutcomeTag, CaseStateTag, LateReplyTag, provisionalNoteOf } from './CaseTags.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';

/** 期限: the due date, working days left (official calendar) or 已逾期 in red. */
function Deadline({ c }: { c: CaseDetail }) {
  const t = useT();
  const now = today();
  const left = useWorkdaysLeft(now, c.overdue || c.state === 'closed' ? null : c.dueDate);
  if (!c.dueDate || c.state === 'closed') return null;
  const count = left.data?.count;
  const note = provisionalNoteOf(t, c);
  return (
    <Flex vertical gap={2}>
      <Typography.Text
        type={c.overdue ? 'danger' : undefined}
        data-testid="case-due"
        data-overdue={c.overdue}
      >
        {t('case.dueDate', { date: c.dueDate })}
        {c.overdue ? (
          <Tag color="red" style={{ marginInlineStart: 8 }}>
            {t('case.overdue')}
          </Tag>
        ) : count === undefined ? null : (
          <Tag color={count <= 1 ? 'orange' : 'blue'} style={{ marginInlineStart: 8 }}>
            {count === 0 ? t('case.dueToday') : t('case.workdaysLeft', { count })}
          </Tag>
        )}
      </Typography.Text>
      {note ? (
        <Typography.Text type="warning" data-testid="case-due-provisional">
          {note}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The reply letter exists once the principal leader's refusal is final (the server says the same). */
function hasFinalRefusal(c: CaseDetail): boolean {
  return c.state === 'refused' || c.state === 'replied' || (c.state === 'closed' && c.outcome === 'refused');
}

function Header({ c }: { c: CaseDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Card size={isMobile ? 'small' : undefined}>
      <Flex justify="space-between" align="start" wrap gap={12}>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Flex wrap align="center" gap={8}>
            <Typography.Title level={isMobile ? 4 : 3} style={{ margin: 0 }} data-testid="case-number">
              {c.number}
            </Typography.Title>
            <CaseStateTag state={c.state} />
            <CaseOutcomeTag outcome={c.outcome} />
            <LateReplyTag c={c} />
          </Flex>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="case-title">
            {c.matterTitle}
          </Typography.Text>
          <Deadline c={c} />
        </Flex>
        <Flex gap={8} wrap>
          {c.outcome === 'oneTimeNotice' ? (
            <Link to={`/cases/${encodeURIComponent(c.id)}/notice`}>
              <Button icon={<FileTextOutlined />} data-testid="case-notice">
                {t('notice.link')}
              </Button>
            </Link>
          ) : null}
          <Link to={`/cases/${encodeURIComponent(c.id)}/form`}>
            <Button icon={<FileTextOutlined />} data-testid="case-form">
              {t('case.formLink')}
            </Button>
          </Link>
          {hasFinalRefusal(c) ? (
            <Button
              icon={<DownloadOutlined />}
              href={replyLetterDocxUrl(c.id)}
              data-testid="case-reply-letter"
            >
              {t('documents.letterDocx')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

export function CaseView({ id }: { id: string }) {
  const t = useT();
  const navigate = useNavigate();
  const query = useCase(id);
  const me = useMe();

  if (query.isPending) return <LoadingBlock />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <Result
          status="404"
          title="404"
          subTitle={t('case.notFound')}
          extra={
            <Button type="primary" onClick={() => void navigate('/cases')}>
              {t('case.backToList')}
            </Button>
          }
        />
      );
    }
    return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
  }
  const c = query.data;

  return (
    <Flex vertical gap={16} data-testid="case-page" data-case-id={c.id} data-version={c.version}>
      <div>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate(-1)}
          style={{ padding: 0 }}
        >
          {t('common.back')}
        </Button>
      </div>
      <Header c={c} />
      <RegistrationReceipt c={c} />
      {c.vacantLevel !== null ? (
        // Nobody holds the level the case waits at, nor acts for its holder: it cannot move until an
        // administrator fills the chain or appoints a deputy (they and the next level up were told).
        <Alert
          type="error"
          showIcon
          data-testid="case-vacant-level"
          message={t('case.vacantTitle', { level: t(`case.vacantLevel.${c.vacantLevel}`) })}
          description={t('case.vacantText')}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        {/* Below lg the actions come first, right after the header. */}
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <div style={{ position: 'sticky', top: 88 }}>
            <CaseActions c={c} />
          </div>
        </Col>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Flex vertical gap={16}>
            <CaseInfo c={c} />
            <ApprovalProgress c={c} />
            <CaseClocks c={c} />
            <CaseRounds c={c} />
            <CaseCoDepartments c={c} />
            <CaseConsultation c={c} viewerId={me.data?.id} />
            <CaseContributions c={c} />
            <CaseAttachments caseId={c.id} />
            <CaseTrackingCard c={c} />
            <CaseTimeline c={c} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
