// A zod error of a JSON part of a multipart body (the public report's `report` part), as the field
// messages the error envelope carries, like the ones of a validated JSON body.
import type { z } from 'zod';
import { describeValidationIssue, type Lang } from '@bancheng/core';

export function validationFieldsOf(error: z.ZodError, lang: Lang): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const params = issue as unknown as Record<string, unknown>;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        fields[[...issue.path, key].join('.')] = describeValidationIssue(issue.code, params, lang);
      continue;
    }
    const path = issue.path.join('.') || 'report';
    fields[path] ??= describeValidationIssue(issue.code, params, lang);
  }
  return fields;
}
