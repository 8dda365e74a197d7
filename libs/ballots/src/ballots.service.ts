import {
  Actor,
  AuditService,
  Clock,
  formatUk,
  isUuid,
  JobsService,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import {
  Application,
  ApplicationNotices,
  assertApplicationTransition,
  loadApplication,
} from '@grants/applications';
import { GrantRound, RoundNotFoundException } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { assertBallotTransition } from './ballot-status';
import { BallotNotFoundException, NotPublicVoteRoundException } from './ballots.exceptions';
import { Ballot } from './entities/ballot.entity';
import { ShortlistEntry } from './entities/shortlist-entry.entity';
import { parsePostcodeAreas } from './rules/postcode-areas';

export interface BallotSettingsInput {
  opensAt: Date;
  closesAt: Date;
  /** Districts and sectors as typed: "DN15 9" or "YO15, YO16". */
  postcodeAreas: string;
  /** Flag more votes than this from one full postcode for review. */
  postcodeFlagThreshold: number;
}

/**
 * Each area's ballot: its times and who may vote (set while a draft, or scheduled and not yet
 * open), then scheduling it, which fixes the shortlist, tells every eligible applicant in the
 * area whether they are on it, and queues the jobs that open and close the vote on time.
 */
@Injectable()
export class BallotsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly notices: ApplicationNotices,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  async get(ballotId: string, manager = this.dataSource.manager): Promise<Ballot> {
    if (!isUuid(ballotId)) throw new BallotNotFoundException();
    const ballot = await manager.findOne(Ballot, {
      where: { id: ballotId },
      relations: { area: true, round: { fund: true } },
    });
    if (!ballot) throw new BallotNotFoundException();
    return ballot;
  }

  forRound(roundId: string): Promise<Ballot[]> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    return this.dataSource.manager.find(Ballot, {
      where: { roundId },
      relations: { area: true },
      order: { area: { position: 'ASC' } },
    });
  }

  /** Creates the area's ballot or changes its settings, while it is not yet open. */
  async saveSettings(
    roundId: string,
    areaId: string,
    input: BallotSettingsInput,
    actor: Actor,
  ): Promise<Ballot> {
    const ballotId = await this.dataSource.transaction(async (manager) => {
      const round = await this.lockRound(manager, roundId);
      if (!isUuid(areaId) || !round.areas.some((a) => a.id === areaId))
        throw new ValidationException([
          { field: 'areaId', message: 'Choose one of the areas of this round' },
        ]);
      const existing = await manager.findOneBy(Ballot, { areaId });
      if (existing && !['draft', 'scheduled'].includes(existing.status))
        throw new ValidationException([
          {
            field: 'opensAt',
            message: 'The vote has opened, so its settings can no longer change',
          },
        ]);
      const values = this.checkSettings(round, input, existing?.status === 'scheduled');
      const before = existing ? settingsSnapshot(existing) : null;
      let id = existing?.id;
      if (existing) await manager.update(Ballot, { id: existing.id }, values);
      else id = (await manager.save(manager.create(Ballot, { roundId, areaId, ...values }))).id;
      const saved = await manager.findOneByOrFail(Ballot, { id });
      await this.audit.record(manager, actor, {
        action: existing ? 'ballot.settings-changed' : 'ballot.created',
        subjectType: 'ballot',
        subjectId: saved.id,
        before,
        after: settingsSnapshot(saved),
      });
      return saved.id;
    });
    const ballot = await this.get(ballotId);
    if (ballot.status === 'scheduled') await this.enqueueTimers(ballot);
    return ballot;
  }

  /**
   * Fixes the area's shortlist and schedules the vote. Shortlisted applicants and the area's
   * other eligible applicants each get one notice, in the same transaction.
   */
  async schedule(ballotId: string, actor: Actor): Promise<Ballot> {
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const found = await this.get(ballotId, manager);
      await this.lockRound(manager, found.roundId);
      const ballot = await manager.findOneByOrFail(Ballot, { id: ballotId });
      assertBallotTransition(ballot.status, 'scheduled');
      if (ballot.opensAt <= this.clock.now())
        throw new ValidationException([
          { field: 'opensAt', message: 'The opening time has passed: set a later one first' },
        ]);
      const entries = await manager.find(ShortlistEntry, {
        where: { areaId: ballot.areaId },
        order: { position: 'ASC' },
      });
      if (entries.length === 0)
        throw new ValidationException([
          { field: 'entries', message: `Shortlist at least one project for ${found.area.name}` },
        ]);
      await manager.update(Ballot, { id: ballotId }, { status: 'scheduled' });
      await this.audit.record(manager, actor, {
        action: 'ballot.scheduled',
        subjectType: 'ballot',
        subjectId: ballotId,
        before: { status: ballot.status },
        after: { status: 'scheduled', shortlist: entries.map((e) => e.applicationId) },
      });
      return this.tellApplicants(manager, found, entries, actor);
    });
    await this.outbox.dispatch(emailIds);
    const ballot = await this.get(ballotId);
    await this.enqueueTimers(ballot);
    return ballot;
  }

  /** The open and close jobs, keyed by ballot, time and last change: re-queueing is a no-op. */
  async enqueueTimers(
    ballot: Pick<Ballot, 'id' | 'opensAt' | 'closesAt' | 'status' | 'updatedAt'>,
  ) {
    const now = this.clock.now().getTime();
    const version = `${ballot.updatedAt.getTime()}`;
    if (ballot.status === 'scheduled')
      await this.jobs.enqueueBestEffort(
        'ballot.open',
        { ballotId: ballot.id },
        {
          jobId: `ballot-open-${ballot.id}-${ballot.opensAt.getTime()}-${version}`,
          delayMs: ballot.opensAt.getTime() - now,
        },
      );
    if (ballot.status === 'scheduled' || ballot.status === 'open')
      await this.jobs.enqueueBestEffort(
        'ballot.close',
        { ballotId: ballot.id },
        {
          jobId: `ballot-close-${ballot.id}-${ballot.closesAt.getTime()}-${version}`,
          delayMs: ballot.closesAt.getTime() - now,
        },
      );
  }

  private async tellApplicants(
    manager: EntityManager,
    ballot: Ballot,
    entries: ShortlistEntry[],
    actor: Actor,
  ): Promise<string[]> {
    const shortlisted = new Set(entries.map((e) => e.applicationId));
    const inArea = await manager.find(Application, {
      where: { roundId: ballot.roundId, areaId: ballot.areaId, status: 'eligible' },
      select: { id: true },
      order: { sequence: 'ASC' },
    });
    const when = `${formatUk(ballot.opensAt)} to ${formatUk(ballot.closesAt)}`;
    const emailIds: string[] = [];
    for (const { id } of inArea) {
      const application = await loadApplication(manager, id, { lock: true });
      const to = shortlisted.has(id) ? 'shortlisted' : 'not-shortlisted';
      assertApplicationTransition(application.status, to);
      await manager.update(Application, { id }, { status: to });
      await this.audit.record(manager, actor, {
        action: `application.${to}`,
        subjectType: 'application',
        subjectId: id,
        before: { status: application.status },
        after: { status: to, ballotId: ballot.id },
      });
      application.status = to;
      const entry = entries.find((e) => e.applicationId === id);
      emailIds.push(
        ...(await this.notices.send(manager, application, {
          kind: to,
          template: 'application-notice',
          subject: entry
            ? `Your project is on the public vote in ${ballot.area.name}`
            : `Application ${application.reference}: not shortlisted`,
          body: entry
            ? `Your project is one of ${entries.length} on the shortlist for ${ballot.area.name}. Residents vote from ${when}; the project with the most votes wins. It appears to the public as "${entry.publicTitle}".`
            : `Your project was eligible but has not been shortlisted for the public vote in ${ballot.area.name}. The grants team chose ${entries.length} ${entries.length === 1 ? 'project' : 'projects'} to put before residents.`,
        })),
      );
    }
    return emailIds;
  }

  private checkSettings(round: GrantRound, input: BallotSettingsInput, scheduled: boolean) {
    const errors: { field: string; message: string }[] = [];
    const now = this.clock.now();
    if (Number.isNaN(input.opensAt.getTime()))
      errors.push({ field: 'opensAt', message: 'Enter the date and time the vote opens' });
    else if (input.opensAt < round.closesAt)
      errors.push({
        field: 'opensAt',
        message: `The vote must open after applications close (${formatUk(round.closesAt)})`,
      });
    else if (scheduled && input.opensAt <= now)
      errors.push({ field: 'opensAt', message: 'The opening time must be in the future' });
    if (Number.isNaN(input.closesAt.getTime()))
      errors.push({ field: 'closesAt', message: 'Enter the date and time the vote closes' });
    else if (!Number.isNaN(input.opensAt.getTime()) && input.closesAt <= input.opensAt)
      errors.push({ field: 'closesAt', message: 'The vote must close after it opens' });
    const areas = parsePostcodeAreas(input.postcodeAreas);
    if ('invalid' in areas)
      errors.push({
        field: 'postcodeAreas',
        message: `Enter postcode districts (YO15) or sectors (DN15 9), separated by commas; not recognised: ${areas.invalid.join(', ')}`,
      });
    else if (areas.areas.length === 0)
      errors.push({
        field: 'postcodeAreas',
        message: 'Enter the postcode districts or sectors whose residents may vote',
      });
    if (
      !Number.isInteger(input.postcodeFlagThreshold) ||
      input.postcodeFlagThreshold < 1 ||
      input.postcodeFlagThreshold > 1000
    )
      errors.push({
        field: 'postcodeFlagThreshold',
        message: 'Enter a whole number of votes from 1 to 1000',
      });
    if (errors.length > 0) throw new ValidationException(errors);
    return {
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      postcodeAreas: (areas as { areas: string[] }).areas,
      postcodeFlagThreshold: input.postcodeFlagThreshold,
    };
  }

  private async lockRound(manager: EntityManager, roundId: string): Promise<GrantRound> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    const locked = await manager.findOne(GrantRound, {
      where: { id: roundId },
      select: { id: true },
      lock: { mode: 'pessimistic_write' },
    });
    if (!locked) throw new RoundNotFoundException();
    const round = await manager.findOneOrFail(GrantRound, {
      where: { id: roundId },
      relations: { areas: true },
    });
    if (round.decisionMethod !== 'public-vote') throw new NotPublicVoteRoundException();
    return round;
  }
}

function settingsSnapshot(ballot: Ballot) {
  return {
    opensAt: ballot.opensAt.toISOString(),
    closesAt: ballot.closesAt.toISOString(),
    postcodeAreas: ballot.postcodeAreas,
    postcodeFlagThreshold: ballot.postcodeFlagThreshold,
  };
}
