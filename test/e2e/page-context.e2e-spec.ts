import { loadConfig } from '@grants/core';
import { INTERCEPTORS_METADATA, RENDER_METADATA } from '@nestjs/common/constants.js';
import { PageContextInterceptor } from '../../apps/server/src/bootstrap/page-context.interceptor';
import { routeTable } from '../support/route-table';

/**
 * The page context (CSRF token, CSP nonce, who is signed in) is not a global interceptor, so the
 * API does not pay for it: every handler Nest renders must carry it (`@Page`, never a bare
 * `@Render`), or its page would have no CSRF token for its forms and its scripts would be blocked.
 */
describe('rendered pages and their context', () => {
  it('gives every handler Nest renders the page context', () => {
    const rendered = routeTable(loadConfig({})).filter((r) =>
      Reflect.hasMetadata(RENDER_METADATA, r.handler),
    );
    expect(rendered.length).toBeGreaterThanOrEqual(11);
    const withoutContext = rendered
      .filter(
        (r) =>
          !((Reflect.getMetadata(INTERCEPTORS_METADATA, r.handler) as unknown[]) ?? []).includes(
            PageContextInterceptor,
          ),
      )
      .map((r) => r.route);
    expect(withoutContext).toEqual([]);
  });
});
