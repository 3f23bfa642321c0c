/** One condition of the filter builder, in the REST query language's terms. */
export interface Condition {
  field: string;
  operator: string;
  value: string;
}

export const OPERATORS: Array<{ value: string; label: string; takesValue: boolean }> = [
  { value: '_eq', label: 'equals', takesValue: true },
  { value: '_neq', label: 'does not equal', takesValue: true },
  { value: '_contains', label: 'contains', takesValue: true },
  { value: '_starts_with', label: 'starts with', takesValue: true },
  { value: '_gt', label: 'greater than', takesValue: true },
  { value: '_gte', label: 'at least', takesValue: true },
  { value: '_lt', label: 'less than', takesValue: true },
  { value: '_lte', label: 'at most', takesValue: true },
  { value: '_null', label: 'is empty', takesValue: false },
  { value: '_nnull', label: 'is not empty', takesValue: false },
];

/** The conditions as a `filter` (all must hold); null when there are none. */
export function toFilter(conditions: readonly Condition[]): Record<string, unknown> | null {
  const parts = conditions
    .filter((c) => c.field !== '')
    .map((c) => {
      const takesValue = OPERATORS.find((o) => o.value === c.operator)?.takesValue ?? true;
      return { [c.field]: { [c.operator]: takesValue ? c.value : true } };
    });
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : { _and: parts };
}
