import { AppConfig } from '@grants/core';
import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/helmet';
import { LRUCache } from 'lru-cache';
import { randomBytes } from 'node:crypto';

/** A page rendered once, with slots where each response's own nonce and CSRF token go. */
export interface PageTemplateContext {
  cspNonce: string;
  csrfToken: () => string;
  staff: null;
  applicant: null;
}

/**
 * Public pages as most visitors see them (not signed in), rendered once and served for a few
 * seconds: when a local paper links to a round, each visitor would otherwise cost a database
 * read and a full Nunjucks render of the GOV.UK templates. What differs between responses is
 * filled in per request: the CSP nonce (so scripts still run only with this response's nonce)
 * and, if the page has a form, a CSRF token for this visitor's own secret. The slots are random
 * per process, so no text typed into a round can be one. Signed-in visitors are never served
 * from here (their pages differ, and staff see drafts).
 */
@Injectable()
export class PublicPageCache {
  private readonly nonceSlot = `slot${randomBytes(12).toString('hex')}`;
  private readonly csrfSlot = `slot${randomBytes(12).toString('hex')}`;
  // Time to live per entry (set with each page); at most this many pages kept.
  private readonly pages = new LRUCache<string, string>({ max: 1_000 });

  constructor(private readonly config: AppConfig) {}

  /**
   * The page for `key`, rendered by `render` with the slots when it is missing or older than its
   * time to live; `until` (a round opening or closing) ends that time early, so no one is shown
   * an open round after it has closed.
   */
  async serve(
    reply: FastifyReply,
    key: string,
    render: (slots: PageTemplateContext) => Promise<{ html: string; until?: Date | null }>,
  ): Promise<FastifyReply> {
    const ttlMs = this.config.PUBLIC_PAGE_CACHE_SECONDS * 1000;
    const slots: PageTemplateContext = {
      cspNonce: this.nonceSlot,
      csrfToken: () => this.csrfSlot,
      staff: null,
      applicant: null,
    };
    const html =
      ttlMs === 0 ? (await render(slots)).html : await this.cached(key, ttlMs, slots, render);
    return reply.type('text/html; charset=utf-8').send(this.fill(html, reply));
  }

  private async cached(
    key: string,
    ttlMs: number,
    slots: PageTemplateContext,
    render: (slots: PageTemplateContext) => Promise<{ html: string; until?: Date | null }>,
  ): Promise<string> {
    const hit = this.pages.get(key);
    if (hit !== undefined) return hit;
    const { html, until } = await render(slots);
    const left = until ? until.getTime() - Date.now() : Infinity;
    if (left > 0) this.pages.set(key, html, { ttl: Math.min(ttlMs, left) });
    return html;
  }

  private fill(html: string, reply: FastifyReply): string {
    let out = html.replaceAll(this.nonceSlot, reply.cspNonce?.script ?? '');
    if (out.includes(this.csrfSlot)) out = out.replaceAll(this.csrfSlot, reply.generateCsrf());
    return out;
  }
}
