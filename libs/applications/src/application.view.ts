import { formatPence, formatUk } from '@grants/core';
import { organisationView } from '@grants/organisations';
import { answersOf, SECTION_TITLES } from './application-answers';
import { answerRows } from './application-answers.text';
import { APPLICATION_STATUS_LABELS, canTransition, EDITABLE_STATUSES } from './application-status';
import type { TaskList } from './applications.service';
import type {
  ApplicationMessageDto,
  ApplicationResponseDto,
  ApplicationSummaryDto,
  StaffApplicationResponseDto,
} from './dto/application-response.dto';
import type { ApplicationMessage } from './entities/application-message.entity';
import type { Application } from './entities/application.entity';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** One line of a list (needs round.fund, organisation and area loaded). */
export function applicationSummaryView(application: Application): ApplicationSummaryDto {
  const { round } = application;
  return {
    id: application.id,
    reference: application.reference,
    status: application.status,
    statusLabel: APPLICATION_STATUS_LABELS[application.status],
    projectTitle: application.projectTitle,
    round: {
      id: round.id,
      code: round.code,
      title: round.title,
      fundName: round.fund.name,
      status: round.status,
      closesAt: round.closesAt.toISOString(),
      closesAtUk: formatUk(round.closesAt),
    },
    organisation: { id: application.organisation.id, name: application.organisation.name },
    area: application.area ? { id: application.area.id, name: application.area.name } : null,
    amountRequestedPence: application.amountRequestedPence,
    submittedAt: iso(application.submittedAt),
    updatedAt: application.updatedAt.toISOString(),
  };
}

/**
 * The application as its applicant sees it. The automatic eligibility checks and the officer's
 * checklist are the grants team's working and are left out.
 */
export function applicationView(
  application: Application,
  taskList: TaskList,
): ApplicationResponseDto {
  const status = application.status;
  return {
    ...applicationSummaryView(application),
    answers: answersOf(application),
    amountRequestedDisplay:
      application.amountRequestedPence === null
        ? null
        : formatPence(application.amountRequestedPence),
    taskList: {
      sections: taskList.sections.map((s) => ({
        key: s.key,
        title: SECTION_TITLES[s.key],
        state: s.state,
      })),
      completed: taskList.completed,
      total: taskList.sections.length,
    },
    can: {
      edit: EDITABLE_STATUSES.includes(status),
      submit: canTransition(status, 'submitted'),
      withdraw: canTransition(status, 'withdrawn'),
    },
    outcomeReason: application.outcomeReason,
    firstSubmittedAt: iso(application.firstSubmittedAt),
    withdrawnAt: iso(application.withdrawnAt),
    createdAt: application.createdAt.toISOString(),
  };
}

/** Everything, for the grants team: checks, checklist, the organisation's profile, messages. */
export function staffApplicationView(
  application: Application,
  taskList: TaskList,
  messages: ApplicationMessage[],
): StaffApplicationResponseDto {
  return {
    ...applicationView(application, taskList),
    organisation: organisationView(application.organisation),
    eligibilityChecks: application.eligibilityChecks,
    checklist: application.round.appraisalChecklist.map((item) => ({
      item,
      confirmed: application.appraisalChecklist[item] === true,
    })),
    appraisedAt: iso(application.appraisedAt),
    answerRows: answerRows(application),
    messages: messages.map(messageView),
  };
}

export function messageView(message: ApplicationMessage): ApplicationMessageDto {
  return {
    id: message.id,
    kind: message.kind,
    sender: message.sender,
    subject: message.subject,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
  };
}
