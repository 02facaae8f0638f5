// Form rules the server applies too (core's validators), so a clerk hears of a bad phone number or credit
// code while typing, in the same words.
import type { FormRule } from 'antd';
import { creditCodeProblem, isMainlandPhone } from '@bancheng/core';

const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

/** A mainland mobile or landline number; an empty field is left to `required`. */
export function phoneRule(message: string): FormRule {
  return {
    validator: (_, value: unknown) =>
      blank(value) || isMainlandPhone(String(value).trim())
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}

/** A 统一社会信用代码: its shape, then its check character, each with its own message. */
export function creditCodeRule(messages: { shape: string; check: string }): FormRule {
  return {
    validator: (_, value: unknown) => {
      if (blank(value)) return Promise.resolve();
      const problem = creditCodeProblem(String(value).trim().toUpperCase());
      if (problem === 'creditCodeShape') return Promise.reject(new Error(messages.shape));
      if (problem === 'creditCodeCheck') return Promise.reject(new Error(messages.check));
      return Promise.resolve();
    },
  };
}

/**
 * A text field's limit shown as a count that turns red past it, without cutting what was typed or pasted
 * (antd's maxLength cuts silently); `lengthRule` then refuses the text with the limit in words.
 */
export function limitCount(max: number) {
  return { count: { show: true, max } };
}

export function lengthRule(max: number, message: string): FormRule {
  return { max, message };
}
