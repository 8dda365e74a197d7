import { pageContextOf } from '@grants/core';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';

const RENDER_METADATA = '__renderTemplate__';

/** Gives every @Render page what the layout needs: a CSRF token, the CSP nonce and who is signed in. */
@Injectable()
export class PageContextInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get(RENDER_METADATA, context.getHandler())) return next.handle();
    const http = context.switchToHttp();
    const pageContext = pageContextOf(
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
    );
    return next.handle().pipe(map((data) => ({ ...pageContext, ...(data as object) })));
  }
}
