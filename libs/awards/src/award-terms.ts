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
    'Next steps: read the conditions. The grants team will send you the grant agreement, and you accept the offer then; payment follows your acceptance.',
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
