/** Who did something: every state change records one. */
export interface Actor {
  type: 'staff' | 'applicant' | 'public' | 'system';
  id: string | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system' };
