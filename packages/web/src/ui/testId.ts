// data-testid for props objects (e.g. okButtonProps) whose types do not declare data-* attributes.
export function testId(id: string): object {
  return { 'data-testid': id };
}
