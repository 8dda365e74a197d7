import { expect } from '@jest/globals';
import { StaffUser } from '@grants/identity';
import { TEST_PASSWORD } from '../factories/staff.factory';
import { HttpClient } from './http-client';

/** The few entities Nunjucks writes into the page text the tests read. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
}

/** The error summary's links, as [href, text]. */
export function errorLinks(html: string): [string, string][] {
  const summary = /<div class="govuk-error-summary__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)"[^>]*>\s*([^<]*?)\s*<\/a>/g)].map((m) => [
    m[1],
    decodeEntities(m[2]),
  ]);
}

/** The page's text with tags and entities flattened, for looking for sentences. */
export function pageText(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

/** A client signed in to the staff pages as this user (with its form token ready). */
export async function signedInStaff(baseUrl: string, user: StaffUser): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  await client.getPage('/staff/sign-in');
  const res = await client.postForm('/staff/sign-in', {
    email: user.email,
    password: TEST_PASSWORD,
  });
  expect(res.status).toBe(303);
  return client;
}
