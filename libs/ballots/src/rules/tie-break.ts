/**
 * How a tie for first place is settled, stated before the vote opens. Only the decision maker's
 * recorded choice is offered: drawing lots in software would be hard for anyone to check.
 */
export const TIE_BREAK_RULES = {
  'decision-maker':
    'If two or more projects tie for the most votes, the Police and Crime Commissioner chooses between them and the choice is recorded with the result.',
} as const;
export type TieBreakRule = keyof typeof TIE_BREAK_RULES;
