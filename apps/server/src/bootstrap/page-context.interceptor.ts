import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import type { StaffRequest } from '@grants/identity';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/helmet';
import { map, Observable } from 'rxjs';

const RENDER_METADATA = '__renderTemplate__';

/** Gives every rendered page what the layout needs: a CSRF token, the CSP nonce and who is signed in. */
@Injectable()
export class PageContextInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get(RENDER_METADATA, context.getHandler())) return next.handle();
    return next.handle().pipe(map((data) => ({ ...pageContext(context), ...(data as object) })));
  }
}

export function pageContext(context: ExecutionContext) {
  const request = context.switchToHttp().getRequest<StaffRequest>();
  const reply = context.switchToHttp().getResponse<FastifyReply>();
  return {
    csrfToken: reply.generateCsrf(),
    cspNonce: reply.cspNonce?.script,
    staff: request.staff
      ? {
          user: {
            email: request.staff.user.email,
            displayName: request.staff.user.displayName,
            roles: request.staff.user.roles,
          },
        }
      : null,
  };
}
