import 'reflect-metadata';
import { ACCESS_KEY, AccessRule, AppConfig } from '@grants/core';
import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ServerModule } from '../../apps/server/src/server.module';

export interface RouteEntry {
  /** "GET /api/v1/rounds/:id": the key the access tests name routes by. */
  route: string;
  method: string;
  path: string;
  rule: AccessRule | undefined;
  /** The controller method, to read its other decorators. */
  handler: object;
}

/** Every controller reachable from a module, walking static and dynamic imports. */
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

function routesOf(controller: Type): RouteEntry[] {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const classRule = Reflect.getMetadata(ACCESS_KEY, controller) as AccessRule | undefined;
  return Object.getOwnPropertyNames(controller.prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => controller.prototype[name] as object)
    .filter((handler) => Reflect.hasMetadata(METHOD_METADATA, handler))
    .map((handler) => {
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const path = `/${[base, Reflect.getMetadata(PATH_METADATA, handler)].join('/')}`
        .replace(/\/+/g, '/')
        .replace(/(.)\/$/, '$1');
      return {
        route: `${method} ${path}`,
        method,
        path,
        rule: (Reflect.getMetadata(ACCESS_KEY, handler) as AccessRule | undefined) ?? classRule,
        handler,
      };
    });
}

/** The server's routes with their access rules, read from the decorators (as the guard reads them). */
export function routeTable(config: AppConfig): RouteEntry[] {
  return controllersOf(ServerModule.forRoot(config)).flatMap(routesOf);
}
