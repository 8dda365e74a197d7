import { GrantRound } from '@grants/funds';
import { jest } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { createOpenRound } from '../factories/application.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(60_000);

/** The nonce in the CSP header's script-src, and every nonce on the page's scripts. */
function nonces(res: Response, html: string) {
  const header = /script-src[^;]*'nonce-([^']+)'/.exec(
    res.headers.get('content-security-policy') ?? '',
  )?.[1];
  const onScripts = [...html.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((m) => m[1]);
  return { header, onScripts };
}

describe('public round pages served to visitors who are not signed in', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let round: GrantRound;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, CSF);
    round = await createOpenRound(ctx, CSF.slug, { code: 'PPC', title: 'Safer Streets 2027' });
    server = await startServer({ env: { PUBLIC_PAGE_CACHE_SECONDS: '2' } });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  const visit = async () => {
    const res = await fetch(`${server.baseUrl}/rounds/${round.id}`);
    return { res, html: await res.text() };
  };

  it('gives each response its own nonce, matching its CSP header, on every script', async () => {
    const first = await visit();
    const second = await visit();
    for (const { res, html } of [first, second]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(html).toContain('Safer Streets 2027');
      const { header, onScripts } = nonces(res, html);
      expect(header).toMatch(/^[0-9a-f]{32}$/);
      expect(onScripts.length).toBeGreaterThan(0);
      expect(new Set(onScripts)).toEqual(new Set([header]));
    }
    expect(nonces(first.res, first.html).header).not.toBe(nonces(second.res, second.html).header);
  });

  it('shows a change within its few seconds, and signed-in staff at once', async () => {
    await visit();
    await ctx.dataSource.query(`UPDATE grant_rounds SET title = $2 WHERE id = $1`, [
      round.id,
      'Safer Streets 2027 (extended)',
    ]);
    // Served from the render of a moment ago...
    expect((await visit()).html).not.toContain('(extended)');
    // ...but never to staff, whose pages differ (previews, their name, sign-out).
    const officer = await signedInStaff(server.baseUrl, await createStaff(ctx, 'grants-officer'));
    expect((await officer.getPage(`/rounds/${round.id}`)).text).toContain('(extended)');
    await sleep(2_100);
    expect((await visit()).html).toContain('(extended)');
  });

  it('still answers 404 for a round that does not exist or is a draft', async () => {
    const missing = await fetch(`${server.baseUrl}/rounds/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    const anonymous = new HttpClient(server.baseUrl);
    expect((await anonymous.getPage('/rounds/not-a-uuid')).status).toBe(404);
  });
});
