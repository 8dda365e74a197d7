import {
  AuditService,
  Clock,
  formatUk,
  hasControlCharacters,
  isUuid,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import { GrantRound } from '@grants/funds';
import { Applicant, applicantActor } from '@grants/identity';
import { OrganisationsService } from '@grants/organisations';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import {
  answersOf,
  AnswersPatch,
  checkAnswers,
  SECTION_KEYS,
  sectionState,
  SectionState,
  SectionKey,
  submissionProblems,
} from './application-answers';
import { answerRows } from './application-answers.text';
import { loadApplication, loadMessages } from './application-loader';
import { ApplicationNotices, Notice } from './application-notices';
import { ApplicationPolicies } from './application-policies';
import {
  ApplicationStatus,
  assertApplicationTransition,
  EDITABLE_STATUSES,
} from './application-status';
import {
  AlreadySubmittedException,
  ApplicationChangedException,
  ApplicationNotEditableException,
  ApplicationNotFoundException,
  DeadlinePassedException,
  ReasonRequiredException,
  RoundNotOpenForApplicationsException,
} from './applications.exceptions';
import { runEligibilityChecks } from './eligibility-checks';
import { ApplicationBudgetLine } from './entities/application-budget-line.entity';
import { ApplicationMessage } from './entities/application-message.entity';
import { Application } from './entities/application.entity';
import {
  lockRoundNumbering,
  SubmissionRow,
  SubmissionWrite,
  SubmissionWriter,
} from './submission-writer';

export const MAX_RESPONSE_LENGTH = 5000;

/** Reads and checks before a submission gives up on an application that keeps changing. */
const SUBMIT_ATTEMPTS = 3;

/** What the applicant's task list shows. */
export interface TaskList {
  sections: { key: SectionKey; state: SectionState }[];
  completed: number;
}

/**
 * The applicant's side of an application: start, save as you go, submit, answer a question,
 * withdraw. Every call checks that the applicant acts for the application's organisation.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly organisations: OrganisationsService,
    private readonly notices: ApplicationNotices,
    private readonly clock: Clock,
    private readonly policies: ApplicationPolicies,
    private readonly submissions: SubmissionWriter,
  ) {}

  /** A new draft for one of the applicant's organisations in an open round. */
  async start(applicant: Applicant, roundId: string, organisationId: string): Promise<Application> {
    const id = await this.dataSource.transaction(async (manager) => {
      await this.organisations.assertMember(manager, applicant, organisationId);
      const round = isUuid(roundId) ? await manager.findOneBy(GrantRound, { id: roundId }) : null;
      if (!round || round.status === 'draft')
        throw new ValidationException([{ field: 'roundId', message: 'Round not found' }]);
      if (round.status !== 'open' || this.clock.now() >= round.closesAt)
        throw new RoundNotOpenForApplicationsException(
          round.status === 'scheduled' ? 'scheduled' : 'closed',
        );
      await this.policies.assertMayStart(manager, round, organisationId);
      const application = await manager.save(
        manager.create(Application, {
          roundId,
          organisationId,
          createdById: applicant.id,
          status: 'draft',
        }),
      );
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'application.created',
        subjectType: 'application',
        subjectId: application.id,
        after: { status: 'draft', roundId, organisationId },
      });
      return application.id;
    });
    return loadApplication(this.dataSource.manager, id);
  }

  /** The applications of every organisation the applicant acts for, newest first. */
  async listFor(applicant: Applicant): Promise<Application[]> {
    const organisationIds = await this.organisations.organisationIdsOf(applicant);
    if (organisationIds.length === 0) return [];
    return this.dataSource.getRepository(Application).find({
      where: { organisationId: In(organisationIds) },
      relations: { round: { fund: true }, organisation: true, area: true },
      order: { createdAt: 'DESC' },
    });
  }

  async get(applicant: Applicant, id: string): Promise<Application> {
    return loadApplication(this.dataSource.manager, id, { memberId: applicant.id });
  }

  taskList(application: Application): TaskList {
    const answers = answersOf(application);
    const sections = SECTION_KEYS.map((key) => ({
      key,
      state: sectionState(key, answers, application.round),
    }));
    return { sections, completed: sections.filter((s) => s.state === 'completed').length };
  }

  /**
   * Saves the answers given (all or nothing). `complete` asks that each given answer is filled
   * in, as a page's "Save and continue" does; without it a blank clears the answer.
   */
  async saveAnswers(
    applicant: Applicant,
    id: string,
    patch: AnswersPatch,
    options: { complete: boolean },
  ): Promise<Application> {
    await this.dataSource.transaction(async (manager) => {
      const application = await loadApplication(manager, id, { lock: true });
      await this.assertActsFor(manager, applicant, application);
      if (!EDITABLE_STATUSES.includes(application.status))
        throw new ApplicationNotEditableException(application.status);
      // The amount is checked against the cap of the area it will have after this save.
      const withArea = {
        ...patch,
        areaId: patch.areaId !== undefined ? patch.areaId : application.areaId,
      };
      const errors = checkAnswers(
        patch.amountRequestedPence !== undefined ? withArea : patch,
        application.round,
        options,
      ).filter((e) => e.field !== 'areaId' || patch.areaId !== undefined);
      if (errors.length > 0) throw new ValidationException(errors);
      const { budgetLines, ...columns } = patch;
      const changed = Object.keys(patch);
      // Always, even for the budget alone: the update raises the version a submission checks.
      await manager.update(Application, { id }, normaliseColumns(columns));
      if (budgetLines !== undefined) {
        await manager.delete(ApplicationBudgetLine, { applicationId: id });
        if (budgetLines.length > 0)
          await manager.insert(
            ApplicationBudgetLine,
            budgetLines.map((line, position) => ({
              applicationId: id,
              position,
              item: line.item.trim(),
              amountPence: line.amountPence,
            })),
          );
      }
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'application.answers-saved',
        subjectType: 'application',
        subjectId: id,
        after: { fields: changed },
      });
    });
    return loadApplication(this.dataSource.manager, id);
  }

  /**
   * Submits a draft (or answers a request for more information). Refused after the deadline
   * unless the application was submitted in time before (a correction or an answer). The
   * application is read and checked without a lock, then written by one statement (with whatever
   * other submissions arrive meanwhile, see SubmissionWriter) only if it is still the version
   * read; if it changed meanwhile (a save in another tab, the same submission sent twice) it is
   * read and checked again. The first submission takes the round's next reference number in that
   * statement, so two submissions at once get one reference each, and a refused one leaves no gap.
   */
  async submit(
    applicant: Applicant,
    id: string,
    options: { response?: string } = {},
  ): Promise<Application> {
    for (let attempt = 1; ; attempt += 1) {
      const application = await loadApplication(this.dataSource.manager, id, {
        memberId: applicant.id,
      });
      const written = this.submitsOneAtATime(application.round)
        ? await this.dataSource.transaction(async (manager) => {
            await lockRoundNumbering(manager, application.roundId);
            return this.writeSubmission(manager, applicant, application, options);
          })
        : await this.writeSubmission(this.dataSource.manager, applicant, application, options);
      if (written) {
        this.outbox.dispatchSoon(written.email_ids);
        return Object.assign(application, {
          status: 'submitted',
          reference: written.reference,
          sequence: written.sequence,
          updatedAt: written.updated_at,
          version: written.version,
        });
      }
      if (attempt === SUBMIT_ATTEMPTS) throw new ApplicationChangedException();
    }
  }

  /**
   * A round whose submissions depend on each other (one application per organisation and area,
   * or a rule of another module such as an allocation's limit) takes them one at a time: each
   * holds the round's numbering lock while it reads and writes. Elsewhere they run side by side.
   */
  private submitsOneAtATime(round: GrantRound): boolean {
    return round.oneApplicationPerArea || this.policies.governsSubmission(round);
  }

  /** Checks the submission and writes it; null when the application changed since it was read. */
  private async writeSubmission(
    manager: EntityManager,
    applicant: Applicant,
    application: Application,
    options: { response?: string },
  ): Promise<SubmissionRow | null> {
    const from = application.status;
    if (from === 'submitted' || from === 'eligible' || from === 'ineligible')
      throw new AlreadySubmittedException(application.reference);
    assertApplicationTransition(from, 'submitted');
    const now = this.clock.now();
    const round = application.round;
    if (!application.firstSubmittedAt) assertTakingApplications(round, now);
    // A lone surrogate becomes U+FFFD, as node-postgres has always stored it: the answer travels
    // in a JSON parameter, which PostgreSQL would refuse for the whole batch.
    const response = options.response?.toWellFormed().trim() ?? '';
    if (from === 'more-information') {
      if (!response)
        throw new ReasonRequiredException('response', 'Enter your answer to the question');
      const problem =
        response.length > MAX_RESPONSE_LENGTH
          ? `Your answer must be ${MAX_RESPONSE_LENGTH} characters or fewer`
          : hasControlCharacters(response.replace(/\r?\n/g, ' '))
            ? 'Your answer must not contain control characters'
            : null;
      if (problem) throw new ValidationException([{ field: 'response', message: problem }]);
    }
    const problems = submissionProblems(answersOf(application), round);
    if (problems.length > 0) throw new ValidationException(problems);
    await this.policies.assertMaySubmit(manager, application);

    const firstSubmittedAt = application.firstSubmittedAt ?? now;
    const checks = runEligibilityChecks(round, {
      answers: answersOf(application),
      organisationType: application.organisation.type,
      submittedAt: firstSubmittedAt,
      duplicates: await this.duplicatesOf(manager, application),
    });
    // An answer keeps the question it answers on the record; a submission clears an old reason.
    const outcomeReason = from === 'more-information' ? application.outcomeReason : null;
    const write: SubmissionWrite = {
      actor: applicantActor(applicant),
      application,
      from,
      now,
      firstSubmittedAt,
      checks,
      outcomeReason,
      response:
        from === 'more-information'
          ? { kind: 'more-information-answered', subject: 'Your answer', body: response }
          : null,
      notice: (reference) => submissionNotice(application, from, reference, now),
    };
    const row = manager.queryRunner?.isTransactionActive
      ? await this.submissions.writeIn(manager, write)
      : await this.submissions.write(write);
    if (!row) return null;
    Object.assign(application, {
      firstSubmittedAt,
      submittedAt: now,
      eligibilityChecks: checks,
      outcomeReason,
    });
    return row;
  }

  async withdraw(applicant: Applicant, id: string, reason?: string): Promise<Application> {
    const text = reason?.trim() ?? '';
    if (text.length > MAX_RESPONSE_LENGTH)
      throw new ValidationException([
        {
          field: 'reason',
          message: `The reason must be ${MAX_RESPONSE_LENGTH} characters or fewer`,
        },
      ]);
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const application = await loadApplication(manager, id, { lock: true });
      await this.assertActsFor(manager, applicant, application);
      const from = application.status;
      assertApplicationTransition(from, 'withdrawn');
      await manager.update(
        Application,
        { id },
        { status: 'withdrawn', withdrawnAt: this.clock.now() },
      );
      application.status = 'withdrawn';
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'application.withdrawn',
        subjectType: 'application',
        subjectId: id,
        before: { status: from },
        after: { status: 'withdrawn' },
        reason: text || null,
      });
      // A draft never sent had no receipt, so nobody needs telling; anything sent in does.
      if (!application.reference) return [];
      return this.notices.send(manager, application, {
        kind: 'withdrawn',
        template: 'application-notice',
        data: { action: 'withdrawn' },
        subject: `Application ${application.reference} withdrawn`,
        body: `Application ${application.reference} was withdrawn by ${applicant.email}${text ? `: ${text}` : '.'}`,
      });
    });
    await this.outbox.dispatch(emailIds);
    return loadApplication(this.dataSource.manager, id);
  }

  async messages(applicant: Applicant, id: string): Promise<ApplicationMessage[]> {
    await this.get(applicant, id);
    return loadMessages(this.dataSource.manager, id);
  }

  private async assertActsFor(
    manager: EntityManager,
    applicant: Applicant,
    application: Application,
  ): Promise<void> {
    try {
      await this.organisations.assertMember(manager, applicant, application.organisationId);
    } catch {
      throw new ApplicationNotFoundException();
    }
  }

  private async duplicatesOf(manager: EntityManager, application: Application): Promise<string[]> {
    if (!application.round.oneApplicationPerArea || !application.areaId) return [];
    const others = await manager.find(Application, {
      where: {
        roundId: application.roundId,
        organisationId: application.organisationId,
        areaId: application.areaId,
        id: Not(application.id),
        reference: Not(IsNull()),
        status: Not('withdrawn'),
      },
      select: { reference: true },
      order: { sequence: 'ASC' },
    });
    return others.map((o) => o.reference ?? '').filter(Boolean);
  }
}

/** Open, and before the closing time to the second (the close job may run a moment late). */
function assertTakingApplications(round: GrantRound, now: Date): void {
  if (round.status !== 'open') {
    if (round.status === 'closed') throw new DeadlinePassedException(round.closesAt);
    throw new RoundNotOpenForApplicationsException(round.status);
  }
  if (now >= round.closesAt) throw new DeadlinePassedException(round.closesAt);
}

function normaliseColumns(columns: Omit<AnswersPatch, 'budgetLines'>): Partial<Application> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(columns)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  if (out.areaId === '') out.areaId = null;
  if (out.startDate === '') out.startDate = null;
  return out as Partial<Application>;
}

/** What the organisation is told: a receipt, or that a correction or an answer arrived. */
function submissionNotice(
  application: Application,
  from: ApplicationStatus,
  reference: string,
  now: Date,
): Notice {
  if (from === 'more-information')
    return {
      kind: 'resubmitted',
      template: 'application-notice',
      data: { action: 'resubmitted' },
      subject: `We have your answer about ${reference}`,
      body: `We received your answer on ${formatUk(now)}. Your application ${reference} is back with the grants team for appraisal.`,
    };
  const resubmitted = application.firstSubmittedAt !== null;
  return {
    kind: resubmitted ? 'resubmitted' : 'receipt',
    template: 'application-submitted',
    subject: resubmitted
      ? `Your corrected application ${reference} has been received`
      : `Application ${reference} received`,
    body: `We received ${resubmitted ? 'the corrected' : 'your'} application ${reference} for ${application.round.title} on ${formatUk(now)}. The grants team will check it is eligible and tell you the outcome by email.`,
    data: {
      submittedAtUk: formatUk(now),
      answers: answerRows(application).map((r) => ({ question: r.question, answer: r.answer })),
    },
  };
}
