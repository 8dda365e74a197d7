import { AuditService, SYSTEM_ACTOR } from '@grants/core';
import { Applicant } from '@grants/identity';
import { Organisation, OrganisationMember, OrganisationsService } from '@grants/organisations';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_ORGANISATIONS } from './demo-organisations';
import type { DemoCreated } from './demo-seed';

export const DEMO_APPLICANT_REASON = 'demo seed: applicant account';

/**
 * Makes a demo applicant's account without a sign-in email. A real account is made when someone
 * proves their address with a code; the demo's people have no inbox, so the seed makes theirs
 * directly, in one transaction with an `applicant.registered` event that says so. Afterwards
 * they sign in like anyone else, with a code that lands in the local mailbox.
 */
export async function registerDemoApplicant(
  dataSource: DataSource,
  audit: AuditService,
  email: string,
): Promise<{ applicant: Applicant; created: boolean }> {
  return dataSource.transaction(async (manager) => {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO applicants (email) VALUES ($1) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email],
    );
    if (rows.length > 0)
      await audit.record(manager, SYSTEM_ACTOR, {
        action: 'applicant.registered',
        subjectType: 'applicant',
        subjectId: rows[0].id,
        after: { via: 'demo seed' },
        reason: DEMO_APPLICANT_REASON,
      });
    const applicant = await manager.findOneByOrFail(Applicant, { email });
    return { applicant, created: rows.length > 0 };
  });
}

/** Who acts for which demo organisation, as the seed found or made them. */
export interface DemoPeople {
  applicants: Map<string, Applicant>;
  organisations: Map<string, { organisation: Organisation; members: Applicant[] }>;
}

/**
 * The demo's applicants and organisations, through OrganisationsService: the first member sets
 * the organisation up, the others are invited by email and accept the invitation, as they would
 * after signing in.
 */
export async function seedDemoOrganisations(
  app: INestApplicationContext,
  created: DemoCreated[],
): Promise<DemoPeople> {
  const dataSource = app.get(DataSource);
  const audit = app.get(AuditService);
  const organisations = app.get(OrganisationsService);
  const people: DemoPeople = { applicants: new Map(), organisations: new Map() };

  for (const email of new Set(DEMO_ORGANISATIONS.flatMap((o) => o.members))) {
    const registered = await registerDemoApplicant(dataSource, audit, email);
    people.applicants.set(email, registered.applicant);
    if (registered.created) created.push({ kind: 'applicant', label: email });
  }

  for (const spec of DEMO_ORGANISATIONS) {
    const [first, ...others] = spec.members.map((email) => people.applicants.get(email)!);
    // Found by name among the first member's organisations, so a look-alike someone made in
    // the demo is left alone.
    let organisation = await dataSource
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .innerJoin(OrganisationMember, 'm', 'm.organisation_id = o.id AND m.applicant_id = :id', {
        id: first.id,
      })
      .where('o.name = :name', { name: spec.input.name })
      .getOne();
    if (!organisation) {
      organisation = await organisations.create(first, spec.input);
      created.push({ kind: 'organisation', label: spec.input.name });
    }
    for (const other of others) {
      const isMember = await dataSource
        .getRepository(OrganisationMember)
        .existsBy({ organisationId: organisation.id, applicantId: other.id });
      if (isMember) continue;
      // Sends nothing if an earlier run's invitation is still open; either way, accept it.
      await organisations.invite(first, organisation.id, other.email);
      const invitation = (await organisations.pendingInvitesFor(other)).find(
        (i) => i.organisationId === organisation.id,
      );
      if (!invitation)
        throw new Error(`No open invitation for ${other.email} to ${spec.input.name}`);
      await organisations.acceptInvite(other, invitation.id);
      created.push({ kind: 'organisation member', label: `${other.email} (${spec.input.name})` });
    }
    people.organisations.set(spec.input.name, {
      organisation,
      members: [first, ...others],
    });
  }
  return people;
}
