import { formatCalendarDate, formatPence } from '@grants/core';
import { ORGANISATION_TYPES } from '@grants/funds';
import { AGE_GROUPS, asksFor } from './application-answers';
import type { Application } from './entities/application.entity';

export interface AnswerRow {
  question: string;
  answer: string;
}

/**
 * The application as question-and-answer rows: the receipt email's copy, the check-your-answers
 * page and the officer's view all read from this one list.
 */
export function answerRows(application: Application): AnswerRow[] {
  const round = application.round;
  const org = application.organisation;
  const rows: AnswerRow[] = [
    { question: 'Organisation', answer: org.name },
    {
      question: 'Type of organisation',
      answer: Object.hasOwn(ORGANISATION_TYPES, org.type) ? ORGANISATION_TYPES[org.type] : org.type,
    },
    { question: 'Project title', answer: application.projectTitle },
    { question: 'Summary', answer: application.projectSummary },
  ];
  if (asksFor(round, 'areaId'))
    rows.push({
      question: 'Area',
      answer: round.areas.find((a) => a.id === application.areaId)?.name ?? '',
    });
  if (round.planThemes.length > 0)
    rows.push({
      question: 'Police and Crime Plan themes',
      answer: application.planThemes.join(', '),
    });
  if (asksFor(round, 'themesExplanation'))
    rows.push({ question: 'How it addresses them', answer: application.themesExplanation });
  rows.push(
    {
      question: 'Amount requested',
      answer:
        application.amountRequestedPence === null
          ? ''
          : formatPence(application.amountRequestedPence),
    },
    {
      question: 'Budget',
      answer: [...(application.budgetLines ?? [])]
        .sort((a, b) => a.position - b.position)
        .map((l) => `${l.item}: ${formatPence(l.amountPence)}`)
        .join('\n'),
    },
    {
      question: 'Start date',
      answer: application.startDate ? formatCalendarDate(application.startDate) : '',
    },
    {
      question: 'Length of project',
      answer: application.durationMonths === null ? '' : `${application.durationMonths} months`,
    },
    { question: 'Expected outcomes', answer: application.outcomes },
    { question: 'How they will be measured', answer: application.outcomeMeasures },
    {
      question: 'Ages of people who will benefit',
      answer: application.beneficiaryAgeGroups
        .map((g) => (Object.hasOwn(AGE_GROUPS, g) ? AGE_GROUPS[g as keyof typeof AGE_GROUPS] : g))
        .join(', '),
    },
    {
      question: 'Number of people who will benefit',
      answer: application.beneficiaryCount === null ? '' : String(application.beneficiaryCount),
    },
    { question: 'Who will benefit', answer: application.beneficiaryDescription },
    {
      question: 'Declarations',
      answer:
        application.declarationTrue && application.declarationPolicies
          ? 'The information is true; the organisation has its policies in place'
          : 'Not yet confirmed',
    },
  );
  return rows;
}
