// 附件4 说“不”事项提级管理审批表, laid out as the work plan prints it and filled from the case:
// each level's opinion with its signer and date, the 说“行”建议 with the principal leader's, feedback;
// earlier rounds of the form follow the table (ApprovalFormRounds).
import { useEffect } from 'react';
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { CaseDetail, DecisionLevel } from '@bancheng/core';
import { useLang, useT } from '../../../i18n/index.tsx';
import type { Lang } from '../../../i18n/index.tsx';
import { chinaDateOf, chinaDateParts, formatMinutes } from '../../../ui/dates.ts';
import { DELIVERY_LABELS } from './reply-labels.ts';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { approvalFormDocxUrl } from '../api/cases.ts';
import { useCase, useRevealPhone } from '../hooks/useCases.ts';
import { decisionAt } from './ApprovalProgress.tsx';
import { ApprovalFormRounds, liveRoundOf } from './ApprovalFormRounds.tsx';
import { levelClockText, replyRuleText } from './CaseClocks.tsx';
import { provisionalNoteOf } from './CaseTags.tsx';
import './approval-form.css';

function formDate(value: string | undefined, lang: Lang): string {
  if (!value) return '';
  const { year, month, day } = chinaDateParts(value);
  if (!year) return value;
  return lang === 'zh' ? `${year}年${month}月${day}日` : chinaDateOf(value);
}

/**
 * The applicant's contact number: in full for people who work the case (they print the form to call or
 * write back; the reveal is recorded as any reveal is), masked for everyone else.
 */
function FormPhone({ c }: { c: CaseDetail }) {
  const reveal = useRevealPhone(c.id);
  const { mutate } = reveal;
  const allowed = c.abilities.revealPhone;
  useEffect(() => {
    if (allowed) mutate();
  }, [allowed, mutate]);
  return <span data-testid="form-phone">{reveal.data?.phone ?? c.applicantPhone}</span>;
}

function OpinionCell({ c, level }: { c: CaseDetail; level: DecisionLevel }) {
  const t = useT();
  const { lang } = useLang();
  const d = decisionAt(c, level);
  const clock = c.clocks.levels.find((l) => l.level === level);
  const suggestion = level === 4 && d?.decision === 'refuse' ? c.workableSuggestion : null;
  return (
    <td colSpan={3} className="approval-form-text" data-testid={`form-level-${level}`}>
      <div className="approval-form-opinion">
        <div className="approval-form-body">
          {d ? (
            <>
              【{t(`decisionShort.${d.decision}`)}】{d.byProposer ? `（${t('case.byProposer')}）` : ''}
              {d.opinion}
              {suggestion ? `\n${t('case.workableSuggestion')}${t('common.colon')}${suggestion}` : ''}
            </>
          ) : null}
        </div>
        {clock ? (
          <div className="approval-form-clock" data-testid={`form-clock-${level}`}>
            {levelClockText(t, clock)}
          </div>
        ) : null}
        {d ? (
          <div className="approval-form-sign">
            {t('form.signature', {
              name:
                d.person.displayName +
                (d.actingFor ? `（${t('case.actingFor', { name: d.actingFor.displayName })}）` : ''),
            })}
            {'\u3000'}
            {formDate(d.decidedAt, lang)}
          </div>
        ) : null}
      </div>
    </td>
  );
}

export function ApprovalFormSheet({ id }: { id: string }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const query = useCase(id);
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;

  const proposed = c.refusalReason !== null || c.decisions.length > 0;
  const feedback = c.facts.feedback.at(-1);
  const reply = c.facts.replies.at(-1);
  const sep = lang === 'zh' ? '、' : ', ';
  const dateOf = c.proposedAt ?? c.decisions[0]?.decidedAt;
  const dateLine = dateOf
    ? t('form.dateLine', {
        ...chinaDateParts(dateOf),
      })
    : t('form.blankDate');

  const tried = liveRoundOf(c)?.tried ?? null;
  const remarks: string[] = [];
  if (c.coDepartments.length > 0) {
    remarks.push(
      `${t('case.crossDepartment')}${t('common.colon')}${c.coDepartments.map((d) => d.departmentName).join(sep)}`,
    );
  }
  const provisional = c.state === 'closed' ? null : provisionalNoteOf(t, c);
  if (provisional)
    remarks.push(`${t('case.dueDate', { date: c.dueDate ?? '' })}${t('common.colon')}${provisional}`);
  if (reply) {
    const method = reply.channel === 'phone' ? t('actionForm.methodPhone') : t('actionForm.methodWritten');
    const when =
      reply.channel === 'written'
        ? t('documents.writtenReply', {
            delivery: reply.delivery ? t(DELIVERY_LABELS[reply.delivery]) : '',
            date: chinaDateOf(reply.sentOn ?? reply.repliedAt),
            address: reply.address ?? '',
          })
        : formatMinutes(reply.repliedAt);
    remarks.push(t('form.reply', { method, date: when }));
    if (c.replyLateWorkdays) remarks.push(t('documents.lateReply', { days: c.replyLateWorkdays }));
    if (c.letterNumber) remarks.push(t('documents.letterNumber', { number: c.letterNumber }));
  }

  return (
    <>
      <Flex wrap gap={8} justify="space-between" className="no-print" style={{ marginBottom: 16 }}>
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate(`/cases/${encodeURIComponent(c.id)}`)}
          data-testid="form-back"
        >
          {t('form.back')}
        </Button>
        <Flex wrap gap={8}>
          <Button icon={<DownloadOutlined />} href={approvalFormDocxUrl(c.id)} data-testid="form-docx">
            {t('form.docx')}
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            data-testid="form-print"
          >
            {t('form.print')}
          </Button>
        </Flex>
      </Flex>
      {proposed ? null : (
        <p className="no-print" style={{ textAlign: 'center', color: '#8c8c8c' }}>
          {t('form.notProposed')}
        </p>
      )}
      <article className="approval-form" data-testid="approval-form" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <div className="approval-form-unit">{c.unitName}</div>
        <h1>{t('form.title')}</h1>
        <div className="approval-form-date" data-testid="form-date">
          {dateLine}
        </div>
        <table>
          <colgroup>
            <col style={{ width: '19%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '30%' }} />
            <col style={{ width: '15%' }} />
            <col style={{ width: '23%' }} />
          </colgroup>
          <tbody>
            <tr>
              <th colSpan={2}>{t('form.department')}</th>
              <td data-testid="form-department">
                {c.unitName} {c.departmentName}
              </td>
              <th>{t('form.firstResponder')}</th>
              <td data-testid="form-first-responder">{(c.proposer ?? c.firstResponder).displayName}</td>
            </tr>
            <tr>
              <th rowSpan={2}>{t('form.applicant')}</th>
              <th>{t('form.applicantName')}</th>
              <td colSpan={3} data-testid="form-applicant">
                {c.applicantName}
                {c.applicantCreditCode
                  ? `（${t('case.creditCode')}${t('common.colon')}${c.applicantCreditCode}）`
                  : ''}
              </td>
            </tr>
            <tr>
              <th>{t('form.applicantContact')}</th>
              <td colSpan={3}>
                <FormPhone c={c} />
                {c.applicantAddress ? `\u3000${c.applicantAddress}` : ''}
              </td>
            </tr>
            <tr>
              <th rowSpan={2}>{t('form.received')}</th>
              <th>{t('form.receivedTime')}</th>
              <td colSpan={3}>{formatMinutes(c.receivedAt)}</td>
            </tr>
            <tr>
              <th>{t('form.receivedMethod')}</th>
              <td colSpan={3}>{t(`channel.${c.channel}`)}</td>
            </tr>
            <tr>
              <th colSpan={2}>{t('form.matter')}</th>
              <td colSpan={3} className="approval-form-text" data-testid="form-matter">
                <div className="approval-form-body">
                  {`【${t(`matterType.${c.matterType}`)}】${c.matterTitle}\n${c.description}`}
                </div>
              </td>
            </tr>
            <tr>
              <th colSpan={2}>{t('form.reason')}</th>
              <td colSpan={3} className="approval-form-text" data-testid="form-reason">
                <div className="approval-form-opinion">
                  <div className="approval-form-body">
                    {c.refusalReason ? `【${t(`refusalReason.${c.refusalReason}`)}】` : ''}
                    {c.refusalReasonText ?? ''}
                    {tried ? `\n${t('case.roundTried')}${t('common.colon')}${tried}` : ''}
                  </div>
                  {proposed ? (
                    <div className="approval-form-sign">
                      {t('form.signature', { name: (c.proposer ?? c.firstResponder).displayName })}
                      {'\u3000'}
                      {formDate(dateOf, lang)}
                    </div>
                  ) : null}
                </div>
              </td>
            </tr>
            <tr>
              <th colSpan={2}>{t('form.feedback')}</th>
              <td colSpan={3} className="approval-form-text" data-testid="form-feedback">
                <div className="approval-form-opinion">
                  <div className="approval-form-body">
                    {feedback
                      ? `【${t(feedback.accepted ? 'caseEvent.accepted' : 'caseEvent.notAccepted')}】${feedback.text ?? ''}`
                      : ''}
                  </div>
                  {feedback ? (
                    <div className="approval-form-sign">{formDate(feedback.recordedAt, lang)}</div>
                  ) : null}
                </div>
              </td>
            </tr>
            <tr>
              <th colSpan={2}>{t('form.level2')}</th>
              <OpinionCell c={c} level={2} />
            </tr>
            <tr>
              <th colSpan={2}>{t('form.level3')}</th>
              <OpinionCell c={c} level={3} />
            </tr>
            <tr>
              <th colSpan={2}>{t('form.level4')}</th>
              <OpinionCell c={c} level={4} />
            </tr>
            <tr>
              <th colSpan={2}>{t('form.remarks')}</th>
              <td colSpan={3} className="approval-form-text" data-testid="form-remarks">
                <div className="approval-form-body">{remarks.join('\n')}</div>
              </td>
            </tr>
          </tbody>
        </table>
        <p className="approval-form-rule" data-testid="form-reply-rule">
          {replyRuleText(t, c.clocks)}
        </p>
        <ApprovalFormRounds c={c} />
      </article>
    </>
  );
}
