import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecisionRecordsService, VoteDecisionService } from '@grants/awards';
import { Clock, SYSTEM_ACTOR } from '@grants/core';
import { OpenDataService, THREE_SIXTY_GIVING_COLUMNS } from '@grants/open-data';
import { jest } from '@jest/globals';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  ClosedVote,
  createClosedVote,
  publishBridlington,
  publishWinterton,
  VOTE_SIGN_OFF,
} from '../factories/closed-vote.factory';
import { createDecidedRound, DecidedRound } from '../factories/decided-round.factory';
import { CSF, createFund } from '../factories/round.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** RFC 4180 CSV (quoted cells with commas, doubled quotes and line breaks) into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(120_000);

const FIXTURES = join(process.cwd(), 'test/fixtures/360giving');
/**
 * A schema from the fixtures. They name their dialect "http://json-schema.org/draft/2020-12/schema";
 * Ajv2020 knows it by its https address, so the name is dropped and Ajv2020's own 2020-12
 * meta-schema (the same dialect) checks them.
 */
function schema(name: string): Record<string, unknown> {
  const { $schema, ...rest } = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
  expect($schema).toBe('http://json-schema.org/draft/2020-12/schema');
  return rest;
}

/**
 * The package schema 1.4.3 points at the grant schema's 1.4.2 address: the copy we keep is
 * registered under that address as well, so nothing is fetched from the network.
 */
function packageValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const grant = schema('360-giving-schema.json');
  ajv.addSchema(grant);
  ajv.addSchema({
    ...grant,
    $id: 'https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json',
  });
  return ajv.compile(schema('360-giving-package-schema.json'));
}

describe('360Giving open data and the public grants list', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let client: HttpClient;
  /** Published, its award varied to £12,345.67 and its project summary starting with "=". */
  let varied: DecidedRound;
  /** Published, from a group with no charity or company number. */
  let unregistered: DecidedRound;
  /** Published, but the organisation declined the offer. */
  let declined: DecidedRound;
  /** Signed off, never published. */
  let unpublished: DecidedRound;
  let unregisteredOrgId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    varied = await createDecidedRound(ctx, 'ODV');
    unregistered = await createDecidedRound(ctx, 'ODU');
    declined = await createDecidedRound(ctx, 'ODD');
    unpublished = await createDecidedRound(ctx, 'ODN');
    const records = ctx.get(DecisionRecordsService);
    for (const d of [varied, unregistered, declined])
      await records.publish(d.round.id, SYSTEM_ACTOR);

    await ctx.dataSource.query(
      `UPDATE awards SET amount_pence = 1234567 WHERE application_id = $1`,
      [varied.apps[0].id],
    );
    await ctx.dataSource.query(
      `UPDATE applications SET project_summary = '=HYPERLINK("http://evil.example")' WHERE id = $1`,
      [varied.apps[0].id],
    );
    unregisteredOrgId = unregistered.apps[0].organisationId;
    await ctx.dataSource.query(
      `UPDATE organisations SET charity_number = NULL, company_number = NULL, type = 'community-group' WHERE id = $1`,
      [unregisteredOrgId],
    );
    await ctx.dataSource.query(
      `UPDATE awards SET status = 'declined', answered_at = now() WHERE application_id = $1`,
      [declined.apps[0].id],
    );

    server = await startServer({ env: { OPEN_DATA_PREFIX: '360G-opcctest' } });
    client = new HttpClient(server.baseUrl);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('lists exactly the standing awards of published records, in a stable order', async () => {
    const service = new OpenDataService(ctx.dataSource, ctx.config, ctx.get(Clock));
    const grants = await service.allGrants();
    expect(grants.map((g) => g.reference)).toEqual(
      [varied, unregistered].map((d) => d.apps[0].reference).sort(),
    );
    const references = grants.map((g) => g.reference);
    for (const d of [declined, unpublished]) expect(references).not.toContain(d.apps[0].reference);
    // Pages of the public list: the total is of every match, the page a slice in the same order.
    const secondPage = await service.grants({}, { limit: 1, offset: 1 });
    expect(secondPage.total).toBe(2);
    expect(secondPage.totalPence).toBe(1_234_567 + 1_500_000);
    expect(secondPage.grants.map((g) => g.reference)).toEqual([grants[1].reference]);
    expect((await service.grants({ search: '50%_\\' }, { limit: 50, offset: 0 })).total).toBe(0);
    // Refused or not recommended applications never had an award.
    for (const d of [varied, unregistered])
      for (const app of d.apps.slice(1)) expect(references).not.toContain(app.reference);
  });

  it('serves a package that validates against the 360Giving schema', async () => {
    const res = await client.get('/api/v1/open-data/360giving.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/filename="360giving-grants\.json"/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const pack = res.json();
    const validate = packageValidator();
    const valid = validate(pack);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema does bite: a grant without its funder, or an amount as text, is refused.
    const [first] = pack.grants;
    expect(validate({ grants: [{ ...first, amountAwarded: '12345.67' }] })).toBe(false);
    const { fundingOrganization: _funder, ...noFunder } = first;
    expect(validate({ grants: [noFunder] })).toBe(false);
    expect(pack.version).toBe('1.4');
    expect(pack.publisher.name).toBe(ctx.config.OFFICE_NAME);
  });

  it('has the right amounts, identifiers, dates and organisations', async () => {
    const pack = (await client.get('/api/v1/open-data/360giving.json')).json();
    expect(pack.grants).toHaveLength(2);
    const ids = pack.grants.map((g: { id: string }) => g.id);
    expect(ids).toEqual(
      [varied, unregistered].map((d) => `360G-opcctest-${d.apps[0].reference}`).sort(),
    );
    for (const id of ids) expect(id).toMatch(/^360G-opcctest-CSF-\d{4}-OD[VU]-0001$/);

    const byRef = (d: DecidedRound) =>
      pack.grants.find((g: { id: string }) => g.id === `360G-opcctest-${d.apps[0].reference}`);
    const v = byRef(varied);
    // The amount the award now stands at, exact to the penny, as written in the file.
    expect(v.amountAwarded).toBe(12345.67);
    expect(await (await client.get('/api/v1/open-data/360giving.json')).text).toContain(
      '"amountAwarded":12345.67',
    );
    expect(v.amountAppliedFor).toBe(15000);
    expect(v.currency).toBe('GBP');
    expect(v.title).toBe('Boxing club, Saturday mornings');
    expect(v.awardDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(v.recipientOrganization).toEqual([
      expect.objectContaining({
        id: 'GB-CHC-1123456',
        charityNumber: '1123456',
        name: varied.organisationName,
      }),
    ]);
    expect(v.fundingOrganization).toEqual([
      {
        id: '360G-opcctest-office-of-the-police-and-crime-commissioner-for-leicestershire',
        name: CSF.owningOffice,
      },
    ]);
    expect(v.grantProgramme).toEqual([{ code: 'CSF-ODV', title: 'Diversion from ASB and Crime' }]);
    expect(v.plannedDates[0]).toEqual({
      startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      duration: expect.any(Number),
    });
    expect(v.url).toBe(`${server.baseUrl}/decisions/${varied.number}`);

    const u = byRef(unregistered);
    expect(u.amountAwarded).toBe(15000);
    expect(u.recipientOrganization[0].id).toBe(`360G-opcctest-org-${unregisteredOrgId}`);
    expect(u.recipientOrganization[0].charityNumber).toBeUndefined();
  });

  it('serves the same grants as CSV with the standard column titles', async () => {
    const res = await client.get('/api/v1/open-data/360giving.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="360giving-grants.csv"',
    );
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const [header, ...rows]: string[][] = parseCsv(res.text);
    expect(header).toEqual([...THREE_SIXTY_GIVING_COLUMNS]);
    expect(header.slice(0, 10)).toEqual([
      'Identifier',
      'Title',
      'Description',
      'Currency',
      'Amount Awarded',
      'Award Date',
      'Recipient Org:Identifier',
      'Recipient Org:Name',
      'Funding Org:Identifier',
      'Funding Org:Name',
    ]);
    expect(rows).toHaveLength(2);
    const record = (row: string[]) => Object.fromEntries(header.map((h, i) => [h, row[i]]));
    const v = record(rows.find((r) => r[0] === `360G-opcctest-${varied.apps[0].reference}`)!);
    expect(v['Amount Awarded']).toBe('12345.67');
    expect(v['Amount Applied For']).toBe('15000.00');
    expect(v['Currency']).toBe('GBP');
    expect(v['Recipient Org:Identifier']).toBe('GB-CHC-1123456');
    expect(v['Grant Programme:Code']).toBe('CSF-ODV');
    // A formula in an applicant's text is neutralised for spreadsheets.
    expect(v['Description']).toBe(`'=HYPERLINK("http://evil.example")`);
    const u = record(rows.find((r) => r[0] === `360G-opcctest-${unregistered.apps[0].reference}`)!);
    expect(u['Recipient Org:Identifier']).toBe(`360G-opcctest-org-${unregisteredOrgId}`);
    expect(u['Amount Awarded']).toBe('15000.00');
  });

  it('shows the grants on the public list, filtered, with links to each record', async () => {
    const all = await client.getPage('/grants');
    expect(all.status).toBe(200);
    expect(all.text).toContain('2 grants, £27,345.67 in all');
    expect(all.text).toContain(`href="/decisions/${varied.number}"`);
    expect(all.text).toContain('href="/api/v1/open-data/360giving.csv"');
    expect(all.text).not.toContain(declined.number);

    const search = await client.getPage(
      `/grants?q=${encodeURIComponent('boxing')}&fund=${CSF.slug}`,
    );
    expect(search.status).toBe(200);
    expect(search.text).toContain('2 grants');

    const round = await client.getPage(`/grants?round=${varied.round.id}`);
    expect(round.text).toContain('1 grant, £12,345.67 in all');

    const none = await client.getPage('/grants?q=nothing+like+this&year=2001');
    expect(none.status).toBe(200);
    expect(none.text).toContain('No published grants match the filters');
  });

  it('answers bad filter values with a message, never a 500', async () => {
    const bad = await client.getPage(
      `/grants?fund=nope&round=not-a-uuid&year=abc&area=Atlantis&page=zz&q=${'x'.repeat(150)}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('Select a fund from the list');
    expect(bad.text).toContain('Select a year from the list');
    expect(bad.text).toContain('Search must be 100 characters or fewer');
    // The filters it could not use are left out: every grant is still listed.
    expect(bad.text).toContain('2 grants');
    const unpublishedRound = await client.getPage(`/grants?round=${unpublished.round.id}`);
    expect(unpublishedRound.status).toBe(400);
    const farPage = await client.getPage('/grants?page=999');
    expect(farPage.status).toBe(200);
    expect(farPage.text).toContain('There is only 1 page of grants');
  });
});

describe('360Giving data for a public vote round (areas)', () => {
  let ctx: TestContext;
  let vote: ClosedVote;

  beforeAll(async () => {
    ctx = await createTestContext();
    vote = await createClosedVote(ctx);
    await publishWinterton(ctx, vote);
    await publishBridlington(ctx, vote);
    await ctx.get(VoteDecisionService).signOff(vote.round.id, VOTE_SIGN_OFF, SYSTEM_ACTOR);
    await ctx.get(DecisionRecordsService).publish(vote.round.id, SYSTEM_ACTOR);
  }, 300_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('names each winner’s area as the beneficiary location, and filters by it', async () => {
    const service = new OpenDataService(ctx.dataSource, ctx.config, ctx.get(Clock));
    const awards: { reference: string; amount_pence: string; area: string }[] =
      await ctx.dataSource.query(
        `SELECT ap.reference, a.amount_pence, ar.name AS area
           FROM awards a JOIN applications ap ON ap.id = a.application_id
           JOIN round_areas ar ON ar.id = ap.area_id
          WHERE a.round_id = $1 ORDER BY ap.reference`,
        [vote.round.id],
      );
    expect(awards).toHaveLength(2);
    const page = await service.grants(
      { fundSlug: 'community-response-fund' },
      { limit: 50, offset: 0 },
    );
    expect(page.grants.map((g) => [g.reference, g.amountAwardedPence, g.areaName])).toEqual(
      awards.map((a) => [a.reference, Number(a.amount_pence), a.area]),
    );
    const winterton = await service.grants({ areaName: 'Winterton' }, { limit: 50, offset: 0 });
    expect(winterton.grants.map((g) => g.areaName)).toEqual(['Winterton']);
    expect((await service.filterOptions()).areas).toEqual(['Bridlington South', 'Winterton']);

    const pack = await service.threeSixtyGivingPackage();
    const validate = packageValidator();
    expect(validate(JSON.parse(JSON.stringify(pack)))).toBe(true);
    const grant = pack.grants.find((g) => g.id.endsWith(awards[0].reference))!;
    expect(grant.beneficiaryLocation).toEqual([{ name: awards[0].area, countryCode: 'GB' }]);
    expect(grant.fundingOrganization[0]).toEqual({
      id: '360G-opcc-office-of-the-police-and-crime-commissioner-for-humberside',
      name: 'Office of the Police and Crime Commissioner for Humberside',
    });
    expect(grant.grantProgramme).toEqual([
      { code: 'CRF-PILOT', title: 'Community Response Fund pilot' },
    ]);
  });
});
