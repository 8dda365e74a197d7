/**
 * Errors for a GOV.UK form: one message per field, in the order they were found. The error
 * summary links each to its field (href "#<id>"); the inline message sits beside the field.
 */
export interface ErrorSummaryItem {
  text: string;
  href: string;
}

export class FormErrors {
  private readonly byId = new Map<string, string>();

  /** Keeps the first message for a field: it is the one to fix first. */
  add(fieldId: string, message: string): this {
    if (!this.byId.has(fieldId)) this.byId.set(fieldId, message);
    return this;
  }

  has(fieldId?: string): boolean {
    return fieldId === undefined ? this.byId.size > 0 : this.byId.has(fieldId);
  }

  get(fieldId: string): string | undefined {
    return this.byId.get(fieldId);
  }

  get size(): number {
    return this.byId.size;
  }

  /** For govukErrorSummary's errorList. */
  summary(): ErrorSummaryItem[] {
    return [...this.byId].map(([id, text]) => ({ text, href: `#${id}` }));
  }

  /** For the components' errorMessage option: { fieldId: { text } }. */
  messages(): Record<string, { text: string }> {
    return Object.fromEntries([...this.byId].map(([id, text]) => [id, { text }]));
  }
}
