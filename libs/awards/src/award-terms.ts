import { formatPence } from '@grants/core';

/** The conditions every offer carries; a round's own conditions come with a later issue. */
export const STANDARD_CONDITIONS = [
  'Spend the grant only on the project described in your application.',
  'Tell the grants team straight away about any change to the project, its timing or its costs.',
  'Send monitoring reports when asked, showing progress against the outcomes in your application.',
  'Return any part of the grant not spent on the project.',
  "Acknowledge the Police and Crime Commissioner's funding in publicity about the project.",
];

/** The offer as the applicant reads it on their messages page (the email adds a link). */
export function awardNoticeBody(amountPence: number, requestedPence: number): string {
  const amount = formatPence(amountPence);
  return [
    amountPence === requestedPence
      ? `The Police and Crime Commissioner has approved a grant of ${amount} for your project.`
      : `The Police and Crime Commissioner has approved a grant of ${amount} for your project (you asked for ${formatPence(requestedPence)}).`,
    '',
    'The grant is offered on these conditions:',
    ...STANDARD_CONDITIONS.map((c, i) => `${i + 1}. ${c}`),
    '',
    'Next steps: read the conditions, then accept the offer (or decline it) from your application page. Payment follows your acceptance.',
  ].join('\n');
}

/** Why it was not funded: the officer's feedback, or a plain statement when there is none. */
export function declineNoticeBody(feedback: string | null): string {
  return [
    'The Police and Crime Commissioner has made the decisions for this round, and your application has not been funded.',
    '',
    feedback ??
      'There were more good applications than the round could fund, and the panel recommended those that scored highest against the fund’s criteria.',
  ].join('\n');
}

/** How the area's residents voted, for the notices that follow a public vote. */
export function voteResultLine(areaName: string, votes: number, totalVotes: number): string {
  return `Residents of ${areaName} cast ${totalVotes} ${totalVotes === 1 ? 'vote' : 'votes'}; your project received ${votes}.`;
}

/** For a shortlisted project the residents did not choose. */
export function notChosenNoticeBody(areaName: string, votes: number, totalVotes: number): string {
  return [
    `The public vote in ${areaName} has closed and another project received the most votes, so your application has not been funded this time.`,
    '',
    voteResultLine(areaName, votes, totalVotes),
    '',
    'Thank you for putting your project before residents. The full results are published on the voting pages.',
  ].join('\n');
}
