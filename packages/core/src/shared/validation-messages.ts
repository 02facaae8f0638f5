// Field messages for schema validation failures, in Chinese and English, from zod's issue codes.
import { FIELD_MESSAGES, fieldMessage, type Lang } from './errors.ts';
import { ONE_TIME_NOTICE_SECTIONS, oneTimeNoticeMessage } from '../cases/one-time-notice.ts';

export function describeValidationIssue(code: string, params: Record<string, unknown>, lang: Lang): string {
  const zh = lang === 'zh';
  const min = params['minimum'];
  const max = params['maximum'];
  const origin = params['origin'];
  switch (code) {
    case 'invalid_type':
      return params['input'] === undefined ? (zh ? '必填' : 'required') : zh ? '类型不正确' : 'wrong type';
    case 'too_small':
      if (origin === 'string')
        return zh ? `至少 ${String(min)} 个字符` : `at least ${String(min)} characters`;
      if (origin === 'array') return zh ? `至少选择 ${String(min)} 项` : `at least ${String(min)} items`;
      return zh ? `不能小于 ${String(min)}` : `must be at least ${String(min)}`;
    case 'too_big':
      if (origin === 'string')
        return zh
          ? `不能超过 ${String(max)} 个字，请删减后再提交`
          : `at most ${String(max)} characters: please shorten it`;
      if (origin === 'array') return zh ? `最多 ${String(max)} 项` : `at most ${String(max)} items`;
      return zh ? `不能大于 ${String(max)}` : `must be at most ${String(max)}`;
    case 'invalid_value':
      return zh ? '取值无效' : 'not an allowed value';
    case 'invalid_format':
      return zh ? '格式不正确' : 'invalid format';
    case 'custom': {
      const custom = params['params'] as Record<string, unknown> | undefined;
      const text = custom?.['text'];
      if (text === 'oneTimeNotice') {
        const sections = Array.isArray(custom?.['sections']) ? (custom['sections'] as unknown[]) : [];
        const problems = ONE_TIME_NOTICE_SECTIONS.filter((s) => sections.includes(s)).map((section) => ({
          section,
          problem: 'empty' as const,
        }));
        return oneTimeNoticeMessage(problems, lang) ?? (zh ? '内容无效' : 'invalid');
      }
      if (text === 'controlCharacter') return zh ? '不能包含控制字符' : 'must not contain control characters';
      if (text === 'invalidUnicode') return zh ? '包含无效的字符' : 'contains invalid characters';
      if (typeof text === 'string' && text in FIELD_MESSAGES) return fieldMessage(text, lang);
      if (text === 'phone')
        return zh
          ? '请填写手机号（11 位，1 开头）或带区号的座机号（如 0377-62306039，分机用 - 隔开）'
          : 'enter a mobile number (11 digits starting with 1) or a landline with its area code (e.g. 0377-62306039, extension after -)';
      if (text === 'creditCodeShape')
        return zh
          ? '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）'
          : 'a unified social credit code is 18 digits or capital letters (no I, O, S, V, Z)';
      if (text === 'creditCodeCheck')
        return zh
          ? '统一社会信用代码的校验位不正确，请核对'
          : 'the check character of the unified social credit code is wrong: please check the code';
      return zh ? '内容无效' : 'invalid';
    }
    case 'unrecognized_keys':
      return zh ? '不允许的字段' : 'unknown field';
    default:
      return zh ? '内容无效' : 'invalid';
  }
}
