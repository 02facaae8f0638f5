// Live password-policy hints, computed with the same rules the server enforces.
import { Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { checkPassword, describePasswordViolations } from '@bancheng/core';
import type { PasswordViolation } from '@bancheng/core';
import { useLang, useT } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/index.tsx';

const RULES: { key: MessageKey; violations: PasswordViolation[] }[] = [
  { key: 'password.ruleLength', violations: ['tooShort', 'tooLong'] },
  { key: 'password.ruleClasses', violations: ['tooFewClasses'] },
  { key: 'password.ruleCommon', violations: ['common'] },
  { key: 'password.ruleUsername', violations: ['containsUsername'] },
];

export function PasswordHints({ password, username }: { password: string; username?: string }) {
  const t = useT();
  const { lang } = useLang();
  const violations = checkPassword(password, { username });
  const touched = password.length > 0;
  return (
    <div aria-live="polite" style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">{t('password.policyTitle')}</Typography.Text>
      <ul style={{ listStyle: 'none', paddingLeft: 0, margin: '4px 0 0' }}>
        {RULES.map((rule) => {
          const broken = rule.violations.filter((v) => violations.includes(v));
          const ok = touched && broken.length === 0;
          const bad = touched && broken.length > 0;
          return (
            <li key={rule.key} style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}>
              {ok ? (
                <CheckCircleFilled style={{ color: '#52c41a' }} aria-hidden />
              ) : (
                <CloseCircleFilled style={{ color: bad ? '#ff4d4f' : '#bfbfbf' }} aria-hidden />
              )}
              <Typography.Text type={bad ? 'danger' : ok ? 'success' : 'secondary'}>
                {bad ? describePasswordViolations(broken, lang) : t(rule.key)}
              </Typography.Text>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** An antd Form rule that rejects passwords the policy would refuse. */
export function passwordPolicyRule(lang: 'zh' | 'en', username?: () => string | undefined) {
  return {
    validator(_: unknown, value: unknown) {
      if (typeof value !== 'string' || value === '') return Promise.resolve();
      const violations = checkPassword(value, { username: username?.() });
      return violations.length === 0
        ? Promise.resolve()
        : Promise.reject(new Error(describePasswordViolations(violations, lang)));
    },
  };
}
