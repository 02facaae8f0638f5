// The 中文 / English switch. Shows the language it switches to; clicking toggles zh ↔ en.
import type { CSSProperties } from 'react';
import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useLang, useT } from '../i18n/index.tsx';

export function LangSwitch({
  type = 'text',
  style,
  compact = false,
}: {
  type?: 'text' | 'default';
  style?: CSSProperties;
  /** Narrow screens: shorter label (EN / 中). */
  compact?: boolean;
}) {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Button
      type={type}
      style={style}
      data-testid="lang-switch"
      icon={<GlobalOutlined />}
      title={t('lang.switchTitle')}
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {compact ? (lang === 'zh' ? 'EN' : '中') : t('lang.switch')}
    </Button>
  );
}
