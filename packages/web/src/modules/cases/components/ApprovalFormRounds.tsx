// The earlier rounds of 附件4 on the printed form: after the table of the current round, each earlier round
// (a way that failed, a withdrawn proposal) with its reason, what was tried and each level's opinion, so
// the paper record keeps everything decided on the case.
import type { CaseDetail } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/index.tsx';
import { formatMinutes } from '../../../ui/dates.ts';

type Round = CaseDetail['rounds'][number];

const LEVEL_ROWS: Record<2 | 3 | 4, MessageKey> = { 2: 'form.level2', 3: 'form.level3', 4: 'form.level4' };

/** The round the form's table shows: the last one, unless its proposal was withdrawn. */
export function liveRoundOf(c: CaseDetail): Round | undefined {
  const last = c.rounds.at(-1);
  return last && last.withdrawnAt === null && c.proposer ? last : undefined;
}

export function ApprovalFormRounds({ c }: { c: CaseDetail }) {
  const t = useT();
  const live = liveRoundOf(c);
  const earlier = c.rounds.filter((r) => r !== live);
  if (earlier.length === 0) return null;
  return (
    <div className="approval-form-rounds">
      {earlier.map((r) => (
        <section key={r.round} data-testid={`form-round-${r.round}`} style={{ marginTop: 24 }}>
          <h2 style={{ fontSize: '1em', margin: '0 0 8px' }}>
            {t('case.roundN', { round: r.round })}（{t(`case.roundKind.${r.kind}`)}，{r.openedBy.displayName}
            {'\u3000'}
            {formatMinutes(r.openedAt)}
            {r.withdrawnAt ? `，${t('case.roundWithdrawn')}` : ''}）
          </h2>
          <table>
            <colgroup>
              <col style={{ width: '32%' }} />
              <col style={{ width: '68%' }} />
            </colgroup>
            <tbody>
              <tr>
                <th>{t('form.reason')}</th>
                <td className="approval-form-text">
                  <div className="approval-form-body">
                    {r.refusalReason ? `【${t(`refusalReason.${r.refusalReason}`)}】` : ''}
                    {r.refusalReasonText ?? ''}
                  </div>
                </td>
              </tr>
              {r.tried ? (
                <tr>
                  <th>{t('case.roundTried')}</th>
                  <td className="approval-form-text">
                    <div className="approval-form-body">{r.tried}</div>
                  </td>
                </tr>
              ) : null}
              {r.decisions.map((d) => (
                <tr key={`${d.level}-${d.decidedAt}`}>
                  <th>{t(LEVEL_ROWS[d.level as 2 | 3 | 4])}</th>
                  <td className="approval-form-text">
                    <div className="approval-form-body">
                      【{t(`decisionShort.${d.decision}`)}】{d.opinion}
                    </div>
                    <div className="approval-form-sign">
                      {t('form.signature', { name: d.person.displayName })}
                      {'\u3000'}
                      {formatMinutes(d.decidedAt)}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
