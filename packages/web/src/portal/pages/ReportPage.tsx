// The report form (“办不成事”反映) and, once filed, its answer: the report tracking code shown this once with
// its QR code. Loaded lazily: the proof-of-work widget (ALTCHA's CSP-friendly build: its styles a
// stylesheet, its worker a file of the build) and the QR encoder are only fetched here.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import 'altcha/external';
import 'altcha/altcha.css';
import altchaWorkerUrl from 'altcha/worker?url';
import QRCode from 'qrcode';
import type { PublicReportReceipt, PublicUnits } from '@bancheng/core';
import { postForm, PublicApiError } from '../api.ts';
import { chinaTime, useI18n, type Translate } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useFetch } from '../useFetch.ts';
import { Loading } from '../Loading.tsx';

const MAX_FILES = 5;
const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,application/pdf';

interface AltchaElement extends HTMLElement {
  verify(): Promise<void>;
  reset(): void;
}

function widgetStrings(t: Translate, lang: 'zh' | 'en'): string {
  return JSON.stringify(
    lang === 'en'
      ? {
          label: "I'm not a robot",
          verifying: 'Verifying…',
          verified: 'Verified',
          error: 'Verification failed. Try again later.',
          expired: 'Verification expired. Try again.',
          waitAlert: 'Verifying… please wait.',
          verificationRequired: t('report.challengeFailed'),
          ariaLinkLabel: 'ALTCHA',
          footer: '',
        }
      : {
          label: '我不是机器人',
          verifying: '正在验证…',
          verified: '已验证',
          error: '验证失败，请稍后再试。',
          expired: '验证已过期，请重试。',
          waitAlert: '正在验证，请稍候…',
          verificationRequired: t('report.challengeFailed'),
          ariaLinkLabel: 'ALTCHA',
          footer: '',
        },
  );
}

type Fields = Partial<Record<'what' | 'unitId' | 'consent' | 'attachments' | 'phone' | 'happenedOn', string>>;

export default function ReportPage(props: { departmentId: string | null }) {
  const { t, lang } = useI18n();
  const units = useFetch<PublicUnits>('/api/public/units');
  const [receipt, setReceipt] = useState<PublicReportReceipt | null>(null);
  if (receipt) return <Receipt receipt={receipt} />;
  return (
    <>
      <h1>{t('report.title')}</h1>
      <p className="muted">{t('report.lead')}</p>
      <Loading loaded={units}>
        {(data) => (
          <ReportForm key={lang} units={data} departmentId={props.departmentId} onFiled={setReceipt} />
        )}
      </Loading>
    </>
  );
}

function ReportForm(props: {
  units: PublicUnits;
  departmentId: string | null;
  onFiled(receipt: PublicReportReceipt): void;
}) {
  const { t, lang } = useI18n();
  const preset = useMemo(() => {
    for (const u of props.units.units)
      if (u.departments.some((d) => d.id === props.departmentId))
        return { unitId: u.id, departmentId: props.departmentId ?? '' };
    return {
      unitId: props.units.units.length === 1 ? (props.units.units[0]?.id ?? '') : '',
      departmentId: '',
    };
  }, [props.units, props.departmentId]);
  const [what, setWhat] = useState('');
  const [unitId, setUnitId] = useState(preset.unitId);
  const [departmentId, setDepartmentId] = useState(preset.departmentId);
  const [counter, setCounter] = useState('');
  const [happenedOn, setHappenedOn] = useState('');
  const [caseCode, setCaseCode] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [wantsSms, setWantsSms] = useState(false);
  const [consent, setConsent] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const widget = useRef<AltchaElement | null>(null);
  const payload = useRef<string | null>(null);

  useEffect(() => {
    const el = widget.current;
    if (!el) return;
    const onState = (e: Event) => {
      const detail = (e as CustomEvent<{ state: string; payload?: string }>).detail;
      payload.current = detail.state === 'verified' ? (detail.payload ?? null) : null;
    };
    el.addEventListener('statechange', onState);
    return () => el.removeEventListener('statechange', onState);
  }, []);

  const unit = props.units.units.find((u) => u.id === unitId);

  const validate = (): Fields => {
    const f: Fields = {};
    if (what.trim() === '') f.what = t('report.required');
    if (!unitId) f.unitId = t('report.required');
    if (!consent) f.consent = t('report.consentRequired');
    if (files.length > MAX_FILES) f.attachments = t('report.tooManyFiles');
    return f;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A second click while the first is on its way files nothing.
    if (inFlight.current) return;
    const problems = validate();
    setFields(problems);
    if (Object.keys(problems).length > 0) {
      setError(t('report.fixFields'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      if (!payload.current && widget.current) await widget.current.verify();
      if (!payload.current) {
        setError(t('report.challengeFailed'));
        return;
      }
      const report = {
        what: what.trim(),
        unitId,
        ...(departmentId && { departmentId }),
        ...(counter.trim() && { counter: counter.trim() }),
        ...(happenedOn && { happenedOn }),
        ...(caseCode.trim() && { caseTrackingCode: caseCode.trim() }),
        ...(name.trim() && { name: name.trim() }),
        ...(phone.trim() && { phone: phone.trim() }),
        wantsSms: wantsSms && phone.trim() !== '',
        consent: true,
        language: lang,
      };
      const form = new FormData();
      form.append('report', JSON.stringify(report));
      form.append('altcha', payload.current);
      for (const file of files) form.append('attachments', file, file.name);
      props.onFiled(await postForm<PublicReportReceipt>('/api/public/reports', form, lang));
    } catch (err) {
      const apiError = err instanceof PublicApiError ? err : undefined;
      // A used or failed challenge is spent: the reporter solves a new one.
      payload.current = null;
      widget.current?.reset();
      if (apiError?.code === 'VALIDATION_FAILED' && apiError.fields) {
        const f: Fields = {};
        for (const key of Object.keys(apiError.fields)) {
          const field = key.replace(/^report\./, '') as keyof Fields;
          f[field] = t('report.fixFields');
        }
        setFields(f);
        setError(t('report.fixFields'));
      } else if (apiError?.code === 'CHALLENGE_FAILED') setError(t('report.challengeFailed'));
      else if (apiError?.code === 'RATE_LIMITED' || apiError?.status === 429)
        setError(t('report.rateLimited'));
      else if (apiError && [413, 415].includes(apiError.status)) setError(t('report.fileRejected'));
      else if (apiError?.code === 'TOO_MANY_FILES') setError(t('report.tooManyFiles'));
      else if (apiError?.code === 'NETWORK') setError(t('error.network'));
      else setError(apiError?.message || t('error.generic'));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const fieldError = (key: keyof Fields) =>
    fields[key] && (
      <p className="field-error" role="alert" data-testid={`error-${key}`}>
        {fields[key]}
      </p>
    );

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="report-form">
      <label htmlFor="report-what">{t('report.what')} *</label>
      <textarea
        id="report-what"
        data-testid="report-what"
        rows={6}
        maxLength={5000}
        placeholder={t('report.whatHint')}
        value={what}
        onChange={(e) => {
          setWhat(e.target.value);
          if (e.target.value.trim()) setFields((f) => ({ ...f, what: undefined }));
        }}
        aria-invalid={!!fields.what}
      />
      {fieldError('what')}

      <label htmlFor="report-unit">{t('report.unit')} *</label>
      <select
        id="report-unit"
        data-testid="report-unit"
        value={unitId}
        onChange={(e) => {
          setUnitId(e.target.value);
          setDepartmentId('');
        }}
        aria-invalid={!!fields.unitId}
      >
        <option value="">{t('report.pickUnit')}</option>
        {props.units.units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      {fieldError('unitId')}

      <label htmlFor="report-department">{t('report.department')}</label>
      <select
        id="report-department"
        data-testid="report-department"
        value={departmentId}
        onChange={(e) => setDepartmentId(e.target.value)}
        disabled={!unit}
      >
        <option value="">{t('report.pickDepartment')}</option>
        {unit?.departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>

      <label htmlFor="report-counter">{t('report.counter')}</label>
      <input
        id="report-counter"
        maxLength={100}
        value={counter}
        onChange={(e) => setCounter(e.target.value)}
      />

      <label htmlFor="report-date">{t('report.happenedOn')}</label>
      <input
        id="report-date"
        type="date"
        value={happenedOn}
        onChange={(e) => setHappenedOn(e.target.value)}
      />
      {fieldError('happenedOn')}

      <label htmlFor="report-case-code">{t('report.caseCode')}</label>
      <input
        id="report-case-code"
        maxLength={40}
        autoComplete="off"
        value={caseCode}
        onChange={(e) => setCaseCode(e.target.value)}
      />

      <label htmlFor="report-name">{t('report.name')}</label>
      <input
        id="report-name"
        maxLength={50}
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />

      <label htmlFor="report-phone">{t('report.phone')}</label>
      <input
        id="report-phone"
        type="tel"
        inputMode="tel"
        maxLength={20}
        autoComplete="tel"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
      />
      {fieldError('phone')}
      <label className="check">
        <input
          type="checkbox"
          checked={wantsSms}
          disabled={phone.trim() === ''}
          onChange={(e) => setWantsSms(e.target.checked)}
        />
        {t('report.wantsSms')}
      </label>

      <label htmlFor="report-files">{t('report.attachments')}</label>
      <input
        id="report-files"
        data-testid="report-files"
        type="file"
        multiple
        accept={ACCEPT}
        onChange={(e) => {
          const chosen = [...(e.target.files ?? [])];
          setFiles(chosen);
          setFields((f) => ({
            ...f,
            attachments: chosen.length > MAX_FILES ? t('report.tooManyFiles') : undefined,
          }));
        }}
      />
      {files.length > 0 && (
        <ul className="files" data-user-text>
          {files.map((f, i) => (
            <li key={i}>{f.name}</li>
          ))}
        </ul>
      )}
      {fieldError('attachments')}

      <section className="privacy" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t('report.privacyTitle')}</h2>
        <p>{t('report.privacy')}</p>
        <label className="check">
          <input
            type="checkbox"
            data-testid="report-consent"
            checked={consent}
            onChange={(e) => {
              setConsent(e.target.checked);
              if (e.target.checked) setFields((f) => ({ ...f, consent: undefined }));
            }}
            aria-invalid={!!fields.consent}
          />
          {t('report.consent')}
        </label>
        {fieldError('consent')}
      </section>

      <p className="label">{t('report.verify')}</p>
      <altcha-widget
        ref={widget}
        challengeurl="/api/public/challenge"
        workerurl={altchaWorkerUrl}
        auto="onfocus"
        hidefooter
        hidelogo
        strings={widgetStrings(t, lang)}
        data-testid="report-altcha"
      />

      {error && (
        <p className="alert" role="alert" data-testid="report-error">
          {error}
        </p>
      )}
      <button type="submit" className="button primary wide" disabled={busy} data-testid="report-submit">
        {busy ? t('report.submitting') : t('report.submit')}
      </button>
    </form>
  );
}

function Receipt(props: { receipt: PublicReportReceipt }) {
  const { t } = useI18n();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(props.receipt.code, { margin: 1, width: 240, errorCorrectionLevel: 'M' }).then(
      (url) => live && setQr(url),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [props.receipt.code]);
  return (
    <section className="card receipt" data-testid="report-receipt">
      <h1>{t('receipt.title')}</h1>
      <p>{t('receipt.code')}</p>
      <p className="code" data-testid="receipt-code">
        {props.receipt.code}
      </p>
      {qr && <img className="qr" src={qr} alt={t('receipt.qr')} width={240} height={240} />}
      <p className="alert">{t('receipt.once')}</p>
      {props.receipt.smsSent && <p>{t('receipt.sms')}</p>}
      <p className="muted small">{t('receipt.receivedAt', { time: chinaTime(props.receipt.receivedAt) })}</p>
      <div className="actions no-print">
        <button type="button" className="button primary" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <Link to="/report-status" className="button" testId="receipt-status">
          {t('receipt.goStatus')}
        </Link>
      </div>
    </section>
  );
}
