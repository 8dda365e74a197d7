export const RAG_STATUSES = ['green', 'amber', 'red'] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

export const RAG_LABELS: Record<RagStatus, string> = {
  green: 'Green: on track',
  amber: 'Amber: some problems',
  red: 'Red: serious problems',
};

export function isRagStatus(value: unknown): value is RagStatus {
  return typeof value === 'string' && (RAG_STATUSES as readonly string[]).includes(value);
}
