import { OrganisationResponseDto } from '@grants/organisations';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGE_GROUPS, SECTION_KEYS, SectionKey, SectionState } from '../application-answers';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application-status';
import { ELIGIBILITY_CHECK_KEYS, EligibilityCheckKey } from '../eligibility-checks';
import {
  APPLICATION_MESSAGE_KINDS,
  ApplicationMessageKind,
} from '../entities/application-message.entity';
import { BudgetLineDto } from './update-answers.dto';

/*
 * The JSON shapes of applications, for the OpenAPI document. application.view.ts builds them,
 * typed against these classes so the document and the answers cannot drift apart.
 */

export class ApplicationRoundDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'DIV' })
  code: string;

  @ApiProperty({ example: 'Diversion from ASB and Crime' })
  title: string;

  @ApiProperty({ example: "Commissioner's Safety Fund" })
  fundName: string;

  @ApiProperty({ example: 'open' })
  status: string;

  @ApiProperty({ example: '2022-10-24T16:00:00.000Z' })
  closesAt: string;

  @ApiProperty({ example: '5pm on 24 October 2022', description: 'UK time' })
  closesAtUk: string;
}

export class ApplicationOrganisationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Braunstone Youth Diversion Project' })
  name: string;
}

export class ApplicationAreaDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Winterton' })
  name: string;
}

export class ApplicationAnswersDto {
  @ApiProperty({ example: 'Friday night football in Braunstone' })
  projectTitle: string;

  @ApiProperty()
  projectSummary: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  areaId: string | null;

  @ApiProperty({ type: [String], example: ['Curbing violent crime'] })
  planThemes: string[];

  @ApiProperty()
  themesExplanation: string;

  @ApiProperty({ example: 1500000, nullable: true, type: Number, description: 'Whole pence' })
  amountRequestedPence: number | null;

  @ApiProperty({ type: [BudgetLineDto] })
  budgetLines: BudgetLineDto[];

  @ApiProperty({ example: '2025-06-02', nullable: true, type: String })
  startDate: string | null;

  @ApiProperty({ example: 12, nullable: true, type: Number })
  durationMonths: number | null;

  @ApiProperty()
  outcomes: string;

  @ApiProperty()
  outcomeMeasures: string;

  @ApiProperty({ enum: Object.keys(AGE_GROUPS), isArray: true, example: ['11-17'] })
  beneficiaryAgeGroups: string[];

  @ApiProperty({ example: 60, nullable: true, type: Number })
  beneficiaryCount: number | null;

  @ApiProperty()
  beneficiaryDescription: string;

  @ApiProperty()
  declarationTrue: boolean;

  @ApiProperty()
  declarationPolicies: boolean;
}

export class TaskListSectionDto {
  @ApiProperty({ enum: SECTION_KEYS, example: 'funding' })
  key: SectionKey;

  @ApiProperty({ example: 'Funding and budget' })
  title: string;

  @ApiProperty({ enum: ['not-started', 'in-progress', 'completed'], example: 'completed' })
  state: SectionState;
}

export class TaskListDto {
  @ApiProperty({ type: [TaskListSectionDto] })
  sections: TaskListSectionDto[];

  @ApiProperty({ example: 4 })
  completed: number;

  @ApiProperty({ example: 6 })
  total: number;
}

export class ApplicationActionsDto {
  @ApiProperty({ description: 'Answers can be changed (PATCH)' })
  edit: boolean;

  @ApiProperty({ description: 'It can be submitted, or sent back with an answer' })
  submit: boolean;

  @ApiProperty()
  withdraw: boolean;
}

/** One line of the applicant's and the officer's lists. */
export class ApplicationSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CSF-2022-DIV-0007', nullable: true, type: String })
  reference: string | null;

  @ApiProperty({ enum: APPLICATION_STATUSES, example: 'submitted' })
  status: ApplicationStatus;

  @ApiProperty({ example: 'Submitted' })
  statusLabel: string;

  @ApiProperty({ example: 'Friday night football in Braunstone' })
  projectTitle: string;

  @ApiProperty({ type: ApplicationRoundDto })
  round: ApplicationRoundDto;

  @ApiProperty({ type: ApplicationOrganisationDto })
  organisation: ApplicationOrganisationDto;

  @ApiProperty({ type: ApplicationAreaDto, nullable: true })
  area: ApplicationAreaDto | null;

  @ApiProperty({ example: 1500000, nullable: true, type: Number })
  amountRequestedPence: number | null;

  @ApiProperty({ example: '2022-10-20T13:05:00.000Z', nullable: true, type: String })
  submittedAt: string | null;

  @ApiProperty({ example: '2022-10-20T13:05:00.000Z' })
  updatedAt: string;
}

export class ApplicationListDto {
  @ApiProperty({ type: [ApplicationSummaryDto] })
  applications: ApplicationSummaryDto[];
}

/** An application as its applicant sees it: no automatic checks, no officer's checklist. */
export class ApplicationResponseDto extends ApplicationSummaryDto {
  @ApiProperty({ type: ApplicationAnswersDto })
  answers: ApplicationAnswersDto;

  @ApiProperty({ example: '£15,000.00', nullable: true, type: String })
  amountRequestedDisplay: string | null;

  @ApiProperty({ type: TaskListDto })
  taskList: TaskListDto;

  @ApiProperty({ type: ApplicationActionsDto })
  can: ApplicationActionsDto;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'What the grants team last said: the question (more-information), the reason (ineligible) or the correction asked for (reopened)',
  })
  outcomeReason: string | null;

  @ApiProperty({ example: '2022-10-20T13:05:00.000Z', nullable: true, type: String })
  firstSubmittedAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  withdrawnAt: string | null;

  @ApiProperty({ example: '2022-10-01T09:00:00.000Z' })
  createdAt: string;
}

export class EligibilityCheckDto {
  @ApiProperty({ enum: ELIGIBILITY_CHECK_KEYS, example: 'amount' })
  key: EligibilityCheckKey;

  @ApiProperty({ example: 'Amount requested' })
  label: string;

  @ApiProperty()
  passed: boolean;

  @ApiProperty({ example: '£15,000.00 is within the limits (£0.00 to £20,000.00)' })
  reason: string;
}

export class ChecklistItemDto {
  @ApiProperty({ example: 'Governing document seen' })
  item: string;

  @ApiProperty()
  confirmed: boolean;
}

export class ApplicationMessageDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: APPLICATION_MESSAGE_KINDS, example: 'receipt' })
  kind: ApplicationMessageKind;

  @ApiProperty({ enum: ['office', 'applicant'] })
  sender: 'office' | 'applicant';

  @ApiProperty({ example: 'Application CSF-2022-DIV-0007 received' })
  subject: string;

  @ApiProperty()
  body: string;

  @ApiProperty({ example: '2022-10-20T13:05:00.000Z' })
  createdAt: string;
}

export class ApplicationMessagesDto {
  @ApiProperty({ type: [ApplicationMessageDto] })
  messages: ApplicationMessageDto[];
}

export class AnswerRowDto {
  @ApiProperty({ example: 'Amount requested' })
  question: string;

  @ApiProperty({ example: '£15,000.00' })
  answer: string;
}

/** Everything an appraiser needs about one application. */
export class StaffApplicationResponseDto extends ApplicationResponseDto {
  @ApiProperty({ type: OrganisationResponseDto })
  declare organisation: OrganisationResponseDto;

  @ApiProperty({
    type: [EligibilityCheckDto],
    description: 'The automatic checks, as they stood at the last submission',
  })
  eligibilityChecks: EligibilityCheckDto[];

  @ApiProperty({
    type: [ChecklistItemDto],
    description: "The round's checklist and what is confirmed",
  })
  checklist: ChecklistItemDto[];

  @ApiProperty({ nullable: true, type: String })
  appraisedAt: string | null;

  @ApiProperty({ type: [AnswerRowDto], description: 'The answers as the receipt email shows them' })
  answerRows: AnswerRowDto[];

  @ApiProperty({ type: [ApplicationMessageDto] })
  messages: ApplicationMessageDto[];
}

class StatusCountDto {
  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: ApplicationStatus;

  @ApiProperty({ example: 'Submitted' })
  label: string;

  @ApiProperty({ example: 12 })
  count: number;
}

class AreaCountDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  areaId: string | null;

  @ApiProperty({ example: 'Winterton' })
  areaName: string;

  @ApiProperty({ example: 4 })
  count: number;
}

export class RoundApplicationCountsDto {
  @ApiProperty({ type: [StatusCountDto], description: 'Every status, drafts included' })
  byStatus: StatusCountDto[];

  @ApiPropertyOptional({
    type: [AreaCountDto],
    description: 'Sent applications per area (rounds with areas)',
  })
  byArea: AreaCountDto[];

  @ApiProperty({ example: 34 })
  total: number;
}
