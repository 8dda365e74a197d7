import { pageContextOf } from '@grants/core';
import type { StaffRequest } from '@grants/identity';
import type { FastifyReply } from 'fastify';
import type {} from '@fastify/view';

/**
 * Renders a page from a handler that also redirects (and so cannot use @Page): the same
 * context PageContextInterceptor gives @Page handlers (CSRF token, CSP nonce, who is signed in).
 */
export function renderPage(
  request: StaffRequest,
  reply: FastifyReply,
  template: string,
  data: object,
  status = 200,
) {
  return reply.status(status).view(template, { ...pageContextOf(request, reply), ...data });
}

/** 303 See Other: after a form post the browser fetches the next page with GET. */
export function seeOther(reply: FastifyReply, url: string) {
  return reply.redirect(url, 303);
}
