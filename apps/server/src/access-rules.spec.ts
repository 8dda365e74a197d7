import 'reflect-metadata';
import { ACCESS_KEY, AccessRule, loadConfig } from '@grants/core';
import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ServerModule } from './server.module';

interface RouteRule {
  route: string;
  rule: AccessRule | undefined;
}

/** Every controller reachable from the server module, walking static and dynamic imports. */
function controllersOf(root: DynamicModule): Type[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Type>();
  const visit = (entry: unknown) => {
    if (!entry || seen.has(entry)) return;
    seen.add(entry);
    const dynamic = (entry as DynamicModule).module ? (entry as DynamicModule) : undefined;
    const moduleClass = dynamic ? dynamic.module : (entry as Type);
    const own = (key: string) =>
      (Reflect.getMetadata(key, moduleClass) as unknown[] | undefined) ?? [];
    for (const c of [...own(MODULE_METADATA.CONTROLLERS), ...(dynamic?.controllers ?? [])])
      controllers.add(c as Type);
    for (const i of [...own(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])]) visit(i);
  };
  visit(root);
  return [...controllers];
}

function routesOf(controller: Type): RouteRule[] {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const classRule = Reflect.getMetadata(ACCESS_KEY, controller) as AccessRule | undefined;
  return Object.getOwnPropertyNames(controller.prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => controller.prototype[name] as object)
    .filter((handler) => Reflect.hasMetadata(METHOD_METADATA, handler))
    .map((handler) => ({
      route:
        `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} /${[base, Reflect.getMetadata(PATH_METADATA, handler)].join('/')}`
          .replace(/\/+/g, '/')
          .replace(/(.)\/$/, '$1'),
      rule: (Reflect.getMetadata(ACCESS_KEY, handler) as AccessRule | undefined) ?? classRule,
    }));
}

describe('access rules', () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://x@127.0.0.1/x',
    RUN_WORKER_IN_SERVER: 'false',
  });
  const routes = controllersOf(ServerModule.forRoot(config)).flatMap(routesOf);

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
