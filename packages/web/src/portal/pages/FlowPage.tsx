// The four-level chain as a flow chart, drawn with HTML and CSS: each level, its time limit, what happens
// when it can act and when it cannot; with a department's chain, the names of its people.
import type { PublicChain, PublicChainLevel } from '@bancheng/core';
import { useI18n } from '../i18n.ts';
import { useFetch } from '../useFetch.ts';
import { Loading } from '../Loading.tsx';

type Level = Omit<PublicChainLevel, 'names'> & { names?: string[] };

export function ChainFlow(props: { levels: readonly Level[]; replyWorkdays: number }) {
  const { t } = useI18n();
  return (
    <ol className="flow" data-testid="flow-chart">
      <li className="flow-start">{t('flow.start')}</li>
      {props.levels.map((l) => (
        <li key={l.level} className="flow-level" data-testid="flow-level">
          <div className="flow-box">
            <span className="flow-number">{t('flow.level', { level: l.level })}</span>
            <strong>{t(`position.${l.position}`)}</strong>
            {l.names && (
              <span className="flow-names" data-user-text lang="zh-CN">
                {l.names.length > 0 ? l.names.join('、') : <span>{t('department.vacant')}</span>}
              </span>
            )}
            <span className="muted small">
              {l.workdays === null ? t('flow.firstDays') : t('flow.days', { days: l.workdays })}
            </span>
          </div>
          <div className="flow-side">✓ {t('flow.canDo')}</div>
          {l.level < 4 && <div className="flow-arrow">↓ {t('flow.cannot')}</div>}
        </li>
      ))}
      <li className="flow-end">{t('flow.end', { days: props.replyWorkdays })}</li>
    </ol>
  );
}

export function FlowPage() {
  const { t } = useI18n();
  const chain = useFetch<PublicChain>('/api/public/chain');
  return (
    <>
      <h1>{t('flow.title')}</h1>
      <p className="muted">{t('flow.lead')}</p>
      <Loading loaded={chain}>
        {(c) => <ChainFlow levels={c.levels} replyWorkdays={c.replyWorkdays} />}
      </Loading>
    </>
  );
}
