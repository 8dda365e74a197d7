import {
  AnswerRow,
  answerRows,
  Application,
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUS_TAGS,
  canTransition,
  EDITABLE_STATUSES,
  SECTION_KEYS,
  SECTION_TITLES,
  SectionKey,
  SectionState,
  TaskList,
} from '@grants/applications';
import { formatUk } from '@grants/core';
import type { ApplicantDecision } from '@grants/awards';

/** The GOV.UK tag for an application's status. */
export function statusTag(application: Pick<Application, 'status'>) {
  return {
    text: APPLICATION_STATUS_LABELS[application.status],
    classes: APPLICATION_STATUS_TAGS[application.status],
  };
}

export function isEditable(application: Pick<Application, 'status'>): boolean {
  return EDITABLE_STATUSES.includes(application.status);
}

export function canWithdraw(application: Pick<Application, 'status'>): boolean {
  return canTransition(application.status, 'withdrawn');
}

/** A grants officer returned it for a correction, with their reason. */
export function isReopened(application: Application): boolean {
  return application.status === 'returned';
}

/** What to call the application where it has no title yet. */
export function applicationName(application: Pick<Application, 'projectTitle'>): string {
  return application.projectTitle || 'Untitled application';
}

const STATE_STATUS: Record<SectionState, object> = {
  'not-started': { tag: { text: 'Not started', classes: 'govuk-tag--blue' } },
  'in-progress': { tag: { text: 'In progress', classes: 'govuk-tag--light-blue' } },
  completed: { text: 'Completed' },
};

/** Items for govukTaskList: the organisation's profile, then each section of the answers. */
export function taskListItems(application: Application, taskList: TaskList) {
  const editable = isEditable(application);
  return [
    {
      title: { text: 'Organisation details' },
      hint: { text: application.organisation.name },
      href: `/organisations/${application.organisationId}?next=${encodeURIComponent(`/applications/${application.id}`)}`,
      status: STATE_STATUS.completed,
    },
    ...taskList.sections.map((section) => ({
      title: { text: SECTION_TITLES[section.key] },
      href: editable ? `/applications/${application.id}/${section.key}` : undefined,
      status: STATE_STATUS[section.state],
    })),
  ];
}

/** Where each check-your-answers row is changed (rows are matched by their question). */
const QUESTION_SECTIONS: Record<string, SectionKey | 'organisation'> = {
  Organisation: 'organisation',
  'Type of organisation': 'organisation',
  'Project title': 'project',
  Summary: 'project',
  Area: 'project',
  'Police and Crime Plan themes': 'project',
  'How it addresses them': 'project',
  'Amount requested': 'funding',
  Budget: 'funding',
  'Start date': 'dates',
  'Length of project': 'dates',
  'Expected outcomes': 'outcomes',
  'How they will be measured': 'outcomes',
  'Ages of people who will benefit': 'beneficiaries',
  'Number of people who will benefit': 'beneficiaries',
  'Who will benefit': 'beneficiaries',
  Declarations: 'declarations',
};

/** Rows for govukSummaryList, with "Change" links while the answers can be changed. */
export function checkAnswerRows(application: Application) {
  const editable = isEditable(application);
  const back = encodeURIComponent(`/applications/${application.id}/check`);
  return answerRows(application).map((row: AnswerRow) => {
    const section = QUESTION_SECTIONS[row.question];
    const href =
      section === 'organisation'
        ? `/organisations/${application.organisationId}?next=${back}`
        : section
          ? `/applications/${application.id}/${section}`
          : null;
    return {
      key: { text: row.question },
      // Lines kept apart in the template (budget lines, paragraphs); the text is escaped there.
      lines: row.answer === '' ? ['Not answered yet'] : row.answer.split(/\r?\n/),
      href: editable && href ? href : null,
      hiddenText: row.question.toLowerCase(),
    };
  });
}

export function sectionTitle(section: SectionKey): string {
  return SECTION_TITLES[section];
}

export function isSection(value: string): value is SectionKey {
  return (SECTION_KEYS as readonly string[]).includes(value);
}

/**
 * The status banner on the task list: what happened and what to do now. After the decision the
 * banner says what it was (the offer's amount, or the feedback sent with a decline).
 */
export function statusBanner(application: Application, decision: ApplicantDecision | null = null) {
  const when = (date: Date | null) => (date ? formatUk(date) : '');
  if (isReopened(application))
    return {
      kind: 'reopened',
      title: 'Your application has been reopened for a correction',
      reason: application.outcomeReason,
    };
  switch (application.status) {
    case 'submitted':
      return {
        kind: 'submitted',
        title: 'Application submitted',
        when: when(application.submittedAt),
      };
    case 'more-information':
      return {
        kind: 'more-information',
        title: 'The grants team needs more information',
        reason: application.outcomeReason,
      };
    case 'eligible':
      return {
        kind: 'eligible',
        title: 'Your application is eligible',
        when: when(application.appraisedAt),
      };
    case 'ineligible':
      return {
        kind: 'ineligible',
        title: 'Your application is not eligible',
        reason: application.outcomeReason,
      };
    case 'withdrawn':
      return {
        kind: 'withdrawn',
        title: 'Application withdrawn',
        when: when(application.withdrawnAt),
      };
    case 'awarded':
      return decision?.kind === 'awarded'
        ? { kind: 'awarded', title: `You have been offered a grant of ${decision.amountDisplay}` }
        : null;
    case 'unsuccessful':
      return decision?.kind === 'unsuccessful'
        ? {
            kind: 'unsuccessful',
            title: 'Your application has not been funded',
            paragraphs: decision.paragraphs,
            score: decision.score,
          }
        : null;
    default:
      return null;
  }
}
