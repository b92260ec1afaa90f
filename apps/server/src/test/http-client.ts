/**
 * A browser-like API client over real HTTP (fetch): keeps the session cookie, sends the CSRF
 * header on writes. For tests and drills that go through a listening server, not app.inject.
 */
export class HttpClient {
  private cookie = '';
  private csrfToken = '';

  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<this> {
    const response = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.status !== 200)
      throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('tn_session='));
    this.cookie = setCookie!.split(';')[0]!;
    this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
    return this;
  }

  async request(
    method: string,
    path: string,
    options: { json?: unknown; body?: FormData | string | Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.cookie && method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = this.csrfToken;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    return fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  }

  /** A JSON request that must answer `status`; returns the parsed body. */
  // Test code reads loosely typed JSON; assertions check the shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async expect<T = any>(status: number, method: string, path: string, json?: unknown): Promise<T> {
    const response = await this.request(method, path, json === undefined ? {} : { json });
    const text = await response.text();
    if (response.status !== status)
      throw new Error(`${method} ${path}: expected ${status}, got ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}
