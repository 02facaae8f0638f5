// 一次性告知书: the complete list of procedures and materials given to the applicant at once (work plan
// 三(一)), printable on A4 for the applicant to take away. Filled from the case's recorded notice.
import { Button, Flex, Result } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { chinaDateParts } from '../../../ui/dates.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { noticeDocxUrl } from '../api/cases.ts';
import { useCase } from '../hooks/useCases.ts';
import './approval-form.css';

export function OneTimeNoticeSheet({ id }: { id: string }) {
  const t = useT();
  const navigate = useNavigate();
  const query = useCase(id);
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const given = c.facts.notices.at(-1);
  const back = () => void navigate(`/cases/${encodeURIComponent(c.id)}`);
  if (!given) {
    return (
      <Result
        status="info"
        title={t('notice.none')}
        extra={<Button onClick={back}>{t('form.back')}</Button>}
      />
    );
  }
  const date = chinaDateParts(given.givenAt);
  return (
    <>
      <Flex wrap gap={8} justify="space-between" className="no-print" style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t('form.back')}
        </Button>
        <Flex wrap gap={8}>
          <Button icon={<DownloadOutlined />} href={noticeDocxUrl(c.id)} data-testid="notice-docx">
            {t('documents.noticeDocx')}
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            data-testid="notice-print"
          >
            {t('form.print')}
          </Button>
        </Flex>
      </Flex>
      <div className="approval-form" data-testid="one-time-notice">
        <div className="approval-form-unit">{c.unitName}</div>
        <h1>{t('notice.title')}</h1>
        <p className="approval-form-date">{t('notice.number', { number: c.number })}</p>
        <p>{t('notice.addressee', { name: c.applicantName })}</p>
        <p>{t('notice.opening', { matter: c.matterTitle })}</p>
        <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, margin: '12pt 0' }} data-testid="notice-text">
          {given.notice}
        </div>
        <p>{t('notice.closing')}</p>
        <p style={{ textAlign: 'right', marginTop: '24pt' }}>
          {t('notice.signature', { department: c.departmentName, name: given.givenBy.displayName })}
          <br />
          {t('form.dateLine', date)}
        </p>
      </div>
    </>
  );
}
