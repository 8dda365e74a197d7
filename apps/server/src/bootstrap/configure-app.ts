import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import {
  AllExceptionsFilter,
  AppConfig,
  CONFIG_DECORATION,
  createValidationPipe,
  projectRoot,
} from '@grants/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { nunjucksOptions } from './nunjucks';
import { staticSecurityHeaders } from './static-security-headers';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes that answer JSON only (by their path pattern; the API's docs page is a page). */
function answersJson(routeUrl: string): boolean {
  return routeUrl.startsWith('/api/v1/') || routeUrl === '/health';
}

/**
 * Everything the HTTP app needs besides its modules: security headers, cookies, CSRF on every
 * form post (Nest's adapter parses form bodies itself), static assets, views, validation, error mapping and OpenAPI. The
 * server, the demo and the tests all build the app through here.
 */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.enableShutdownHooks();
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorate(CONFIG_DECORATION, config);
  // One id per request: in the response header, and in every log line of the request (reqId).
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  const securityHeaders = {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    hsts: config.isProduction,
  };
  await app.register(fastifyHelmet, { enableCSPNonces: true, ...securityHeaders });
  // JSON answers (the API, /health) hold no scripts to give a nonce to: they get the same headers
  // without nonces, worked out once, rather than the plugin's, which builds helmet again for every
  // request (after the database, the largest part of a vote's time in the profile).
  const jsonHeaders = staticSecurityHeaders(securityHeaders);
  fastify.addHook('onRoute', (route) => {
    if (answersJson(route.url))
      route.config = Object.assign(route.config ?? {}, { helmet: { skipRoute: true } });
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (answersJson(request.routeOptions.url ?? '')) void reply.headers(jsonHeaders);
    done();
  });
  // Per client address; a generous default, tighter limits on routes that send email or check secrets.
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (request) => request.url === '/health',
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'too_many_requests',
      message: `Too many attempts. Wait ${Math.ceil(context.ttl / 1000)} seconds and try again.`,
    }),
  });
  await app.register(fastifyCookie, { secret: config.SESSION_SECRET });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'grants_csrf',
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: config.isProduction,
    },
  });

  // No text anyone types has a NUL character in it, and PostgreSQL refuses one: stop it here,
  // as a clear 400, rather than as a database error deep in a service. The same for half of a
  // UTF-16 surrogate pair (JSON can carry one as an escape): it cannot be stored as sent, and
  // class-validator's IsEmail throws on it (a 500).
  fastify.addHook('preHandler', (request, _reply, done) => {
    const problem =
      /%00/.test(request.url) || containsText(request.body, (s) => s.includes('\u0000'))
        ? 'a NUL character'
        : containsText(request.body, (s) => LONE_SURROGATE.test(s))
          ? 'half of a surrogate pair'
          : badlyEncodedForm(request)
            ? 'text that is not properly encoded'
            : undefined;
    if (problem) {
      return done(
        Object.assign(new Error(`The request contains ${problem}, which is not allowed in text`), {
          statusCode: 400,
        }),
      );
    }
    done();
  });

  // Forms are protected by CSRF tokens; the API takes only bearer tokens, which a browser never
  // sends on its own, so it needs none.
  fastify.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || request.url.startsWith('/api/')) return done();
    fastify.csrfProtection(request, reply, done);
  });

  const govuk = join(projectRoot(), 'node_modules', 'govuk-frontend', 'dist', 'govuk');
  await app.register(fastifyStatic, {
    root: join(govuk, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1d',
  });
  await app.register(fastifyStatic, {
    root: govuk,
    prefix: '/govuk/',
    decorateReply: false,
    allowedPath: (path) => /^\/govuk-frontend\.min\.(css|js)$/.test(path),
    maxAge: '1d',
  });
  await app.register(fastifyStatic, {
    root: join(projectRoot(), 'apps', 'server', 'public'),
    prefix: '/public/',
    decorateReply: false,
  });

  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [
      join(projectRoot(), 'apps', 'server', 'views'),
      join(projectRoot(), 'node_modules', 'govuk-frontend', 'dist'),
    ],
    options: nunjucksOptions(config),
    defaultContext: {
      serviceName: config.SERVICE_NAME,
      officeName: config.OFFICE_NAME,
      isProduction: config.isProduction,
    },
  });

  const openApi = new DocumentBuilder()
    .setTitle('OPCC grants API')
    .setDescription(
      'Funds and grant rounds; applications and their eligibility appraisal. Staff sign in at POST /api/v1/auth/login; applicants ask for an emailed code at POST /api/v1/auth/email-code and exchange it at POST /api/v1/auth/email-code/verify. Either sends its token as a bearer token; each works only on its own routes.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });
}

/**
 * A form body with a broken %-escape (or escaped bytes that are not UTF-8): the form parser keeps
 * such a value as it came, so "%E0%A4%A" would be stored as typed. Browsers never send one.
 * Nest keeps the raw body for this check (`rawBody` in create-server.ts).
 */
function badlyEncodedForm(request: FastifyRequest): boolean {
  const raw = (request as FastifyRequest & { rawBody?: Buffer }).rawBody;
  if (!raw || !request.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
    return false;
  try {
    for (const pair of raw.toString('latin1').split('&'))
      decodeURIComponent(pair.replace(/\+/g, ' '));
    return false;
  } catch {
    return true;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether any string in the body, key or value, fails the test. */
function containsText(value: unknown, test: (text: string) => boolean): boolean {
  if (typeof value === 'string') return test(value);
  if (Array.isArray(value)) return value.some((v) => containsText(v, test));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => test(k) || containsText(v, test));
  return false;
}
