export const EVALUATION_STATUSES = ['draft', 'submitted', 'approved', 'recognised'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const WORKFLOW_ACTIONS = [
  'edit',
  'submit',
  'approve',
  'return',
  'recognise',
  'reopen',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const STATUS_LABELS: Record<EvaluationStatus, string> = {
  draft: 'đang nhập',
  submitted: 'đã gửi duyệt',
  approved: 'đã duyệt',
  recognised: 'đã công nhận',
};

/**
 * The yearly workflow: an officer enters and submits, the Study Promotion Association approves or
 * returns it, the commune's decision recognises it; reopening takes it back to draft. Editing a
 * submitted evaluation takes it back to draft, so a reviewer never approves what changed after.
 */
const TRANSITIONS: Record<WorkflowAction, Partial<Record<EvaluationStatus, EvaluationStatus>>> = {
  edit: { draft: 'draft', submitted: 'draft' },
  submit: { draft: 'submitted' },
  approve: { submitted: 'approved' },
  return: { submitted: 'draft' },
  recognise: { approved: 'recognised' },
  reopen: { approved: 'draft', recognised: 'draft' },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(
  status: EvaluationStatus,
  action: WorkflowAction,
): EvaluationStatus | null {
  return TRANSITIONS[action][status] ?? null;
}

/** The statuses an action may start from, for bulk updates and messages. */
export function statusesAllowing(action: WorkflowAction): EvaluationStatus[] {
  return Object.keys(TRANSITIONS[action]) as EvaluationStatus[];
}
