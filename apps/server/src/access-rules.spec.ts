import { loadConfig } from '@grants/core';
import { routeTable } from '../../../test/support/route-table';

describe('access rules', () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://x@127.0.0.1/x',
    RUN_WORKER_IN_SERVER: 'false',
  });
  const routes = routeTable(config);

  it('finds the routes (the walk itself works)', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining(['GET /health', 'POST /api/v1/rounds', 'GET /api/v1/funds']),
    );
  });

  it('gives every route an explicit access rule (deny by default)', () => {
    expect(routes.filter((r) => !r.rule).map((r) => r.route)).toEqual([]);
  });

  it('keeps changes to funds and rounds for admins and grants officers', () => {
    const writes = routes.filter(
      (r) =>
        /^(POST|PATCH|PUT|DELETE) \/api\/v1\/(funds|rounds)/.test(r.route) &&
        !r.route.includes('subscriptions'),
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const write of writes)
      expect({ route: write.route, rule: write.rule }).toEqual({
        route: write.route,
        rule: { kind: 'staff', roles: ['admin', 'grants-officer'] },
      });
  });
});
