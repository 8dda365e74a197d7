/**
 * How a ballot's choices are made, as a named strategy so that "pick up to N" can join
 * "single-choice" without touching the voting path.
 */
export interface VotingRule {
  name: string;
  /** Shown above the options. */
  instruction: string;
  /** The problem with these choices (ids of the ballot's shortlist), or null when they are fine. */
  check(choices: string[], shortlist: string[]): string | null;
}

const singleChoice: VotingRule = {
  name: 'single-choice',
  instruction: 'Choose one project',
  check(choices, shortlist) {
    if (choices.length === 0) return 'Choose the project you want to vote for';
    if (choices.length > 1) return 'Choose one project only';
    if (!shortlist.includes(choices[0])) return 'Choose one of the projects on this ballot';
    return null;
  },
};

export const VOTING_RULES = { 'single-choice': singleChoice } as const;
export type VotingRuleName = keyof typeof VOTING_RULES;

export function votingRule(name: VotingRuleName): VotingRule {
  return VOTING_RULES[name];
}
