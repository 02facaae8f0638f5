// Field messages for schema validation failures, in Chinese and English, from zod's issue codes.
import { FIELD_MESSAGES, fieldMessage, type Lang } from './errors.ts';

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
      if (origin === 'string') return zh ? `最多 ${String(max)} 个字符` : `at most ${String(max)} characters`;
      if (origin === 'array') return zh ? `最多 ${String(max)} 项` : `at most ${String(max)} items`;
      return zh ? `不能大于 ${String(max)}` : `must be at most ${String(max)}`;
    case 'invalid_value':
      return zh ? '取值无效' : 'not an allowed value';
    case 'invalid_format':
      return zh ? '格式不正确' : 'invalid format';
    case 'custom': {
      const text = (params['params'] as Record<string, unknown> | undefined)?.['text'];
      if (text === 'controlCharacter') return zh ? '不能包含控制字符' : 'must not contain control characters';
      if (text === 'invalidUnicode') return zh ? '包含无效的字符' : 'contains invalid characters';
      if (typeof text === 'string' && text in FIELD_MESSAGES) return fieldMessage(text, lang);
      return zh ? '内容无效' : 'invalid';
    }
    case 'unrecognized_keys':
      return zh ? '不允许的字段' : 'unknown field';
    default:
      return zh ? '内容无效' : 'invalid';
  }
}
