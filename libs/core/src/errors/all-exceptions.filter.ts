import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { pageContextOf } from '../web/page-context';
import { DomainException } from './domain.exception';
import { ValidationException } from './validation.exception';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; message: string }[];
  errorId?: string;
}

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/**
 * One place where errors become responses: domain codes map to 4xx with a message a person can
 * act on; anything unknown is a 500 whose error id is in the log. Pages get an HTML page, the
 * API gets JSON.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        {
          msg: `Unhandled error ${body.errorId}`,
          errorId: body.errorId,
          reqId: request.id,
          url: request.url,
        },
        (exception as Error)?.stack ?? String(exception),
      );
    }
    if (body.statusCode === 429) reply.header('retry-after', '60');
    if (wantsHtml(request)) {
      void reply
        .status(body.statusCode)
        .view('errors/error.njk', { ...pageContextOf(request, reply), error: body });
      return;
    }
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ValidationException) {
      return {
        statusCode: 422,
        code: exception.code,
        message: exception.message,
        errors: exception.errors,
      };
    }
    if (exception instanceof DomainException) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.field
          ? { errors: [{ field: exception.field, message: exception.message }] }
          : {}),
      };
    }
    // Fastify's own refusals arrive as they are, or wrapped by Nest's adapter with the cause kept.
    const fastifyCode = (
      (exception as { cause?: { code?: string } })?.cause ?? (exception as { code?: string })
    )?.code;
    if (fastifyCode === 'FST_CSRF_INVALID_TOKEN' || fastifyCode === 'FST_CSRF_MISSING_SECRET') {
      return {
        statusCode: 403,
        code: 'csrf_invalid',
        message:
          'The form has expired or was sent from another site. Go back, reload the page and try again.',
      };
    }
    if (exception instanceof HttpException && exception.getStatus() === 503) {
      // A health check reporting what is down: its body is the report.
      return { statusCode: 503, ...(exception.getResponse() as object) } as ErrorBody;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) {
        const response = exception.getResponse();
        const message =
          typeof response === 'object' && response && 'message' in response
            ? String(Array.isArray(response.message) ? response.message[0] : response.message)
            : exception.message;
        return {
          statusCode: status,
          code: HTTP_CODES[status] ?? 'client_error',
          message: humanise(status, message),
        };
      }
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own refusals (bad JSON, body too large, wrong content type) are the client's.
      return {
        statusCode: fastifyStatus,
        code: HTTP_CODES[fastifyStatus] ?? 'client_error',
        message: (exception as Error).message,
      };
    }
    const errorId = randomUUID();
    return {
      statusCode: 500,
      code: 'internal_error',
      message: `Something went wrong. Quote error ${errorId} if you contact us.`,
      errorId,
    };
  }
}

function humanise(status: number, message: string): string {
  if (status === 404 && message.startsWith('Cannot ')) return 'Page not found';
  if (status === 429) return 'Too many attempts. Wait a minute and try again.';
  return message;
}

export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/') || request.url === '/health') return false;
  const accept = request.headers.accept ?? '';
  return (
    accept.includes('text/html') ||
    request.headers['content-type']?.includes('form-urlencoded') === true
  );
}
