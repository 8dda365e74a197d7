/**
 * A small HTTP client for end-to-end tests: JSON helpers, and a cookie jar with the CSRF token
 * of the last page, so a test can post a form the way a browser does.
 */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    readonly baseUrl: string,
    private bearer?: string,
  ) {}

  withBearer(token: string): HttpClient {
    return new HttpClient(this.baseUrl, token);
  }

  async request(
    method: string,
    path: string,
    init: {
      json?: unknown;
      form?: Record<string, string | string[]>;
      headers?: Record<string, string>;
    } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(init.form))
        for (const v of [value].flat()) params.append(key, v);
      body = params.toString();
      headers.accept ??= 'text/html';
    }
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.cookies.size)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrfToken = token[1];
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, { headers });
  }

  getPage(path: string) {
    return this.request('GET', path, { headers: { accept: 'text/html' } });
  }

  post(path: string, json?: unknown) {
    return this.request('POST', path, { json: json ?? {} });
  }

  patch(path: string, json: unknown) {
    return this.request('PATCH', path, { json });
  }

  /** Posts a form with the CSRF token of the last page fetched. */
  postForm(path: string, form: Record<string, string | string[]>) {
    return this.request('POST', path, { form: { _csrf: this.csrfToken, ...form } });
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
