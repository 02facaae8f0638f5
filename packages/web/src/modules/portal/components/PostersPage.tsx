// 张贴海报: one A4 poster per department with the rules in brief and a QR code that opens the public report
// form with the department filled in (/public/report?department=<id>); one button prints them all, one
// poster per page (posters.css). The org data has no counters, so the posters are per department.
import { useEffect, useMemo, useState } from 'react';
import { Button, Typography } from 'antd';
import QRCode from 'qrcode';
import { useT } from '../../../i18n/index.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { usePublicRules, usePublicUnits } from '../api/portal.ts';
import './posters.css';

export function posterLink(departmentId: string, origin = window.location.origin): string {
  return `${origin}/public/report?department=${encodeURIComponent(departmentId)}`;
}

function Qr({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { margin: 1, width: 360, errorCorrectionLevel: 'M' }).then(
      (data) => live && setSrc(data),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return src ? <img className="poster-qr" src={src} alt={url} width={360} height={360} /> : null;
}

export function PostersPage() {
  const t = useT();
  const units = usePublicUnits();
  const rules = usePublicRules();
  const posters = useMemo(
    () =>
      (units.data?.units ?? []).flatMap((u) =>
        u.departments.map((d) => ({ id: d.id, name: d.name, unitName: u.name })),
      ),
    [units.data],
  );
  if (units.isPending || rules.isPending) return <LoadingBlock />;
  if (units.isError) return <ErrorBlock error={units.error} onRetry={() => void units.refetch()} />;
  if (rules.isError) return <ErrorBlock error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <>
      <div className="posters-screen">
        <PageTitle
          title={t('posters.title')}
          subtitle={t('posters.count', { count: posters.length })}
          extra={
            <Button type="primary" onClick={() => window.print()} data-testid="posters-print">
              {t('posters.print')}
            </Button>
          }
        />
        <Typography.Paragraph type="secondary">{t('posters.intro')}</Typography.Paragraph>
      </div>
      {posters.length === 0 ? (
        <EmptyBlock description={t('posters.none')} />
      ) : (
        <div className="posters" data-testid="posters">
          {posters.map((p) => {
            const url = posterLink(p.id);
            return (
              <section className="poster" key={p.id} data-testid="poster" data-link={url}>
                <p className="poster-unit">{p.unitName}</p>
                <h1 className="poster-name">{p.name}</h1>
                <p className="poster-heading">{t('posters.heading')}</p>
                <h2 className="poster-rules-title">{rules.data.title || t('posters.rulesTitle')}</h2>
                <p className="poster-summary">{rules.data.summary}</p>
                <div className="poster-qr-box">
                  <Qr url={url} />
                  <p className="poster-scan">{t('posters.scan')}</p>
                  <p className="poster-link">{t('posters.link', { url })}</p>
                </div>
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
