/** A minimal browser for OAuth tests: follows redirects by hand and keeps cookies per host, as a real one would. */
export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();
  /** Every URL visited, in order. */
  readonly visited: string[] = [];

  async get(url: string): Promise<Response> {
    const target = new URL(url);
    this.visited.push(url);
    const jar = this.jars.get(target.host) ?? new Map<string, string>();
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    this.jars.set(target.host, jar);
    return response;
  }

  /** Follows redirects from `url` and returns the final response. */
  async open(url: string, maxRedirects = 5): Promise<Response> {
    let response = await this.get(url);
    for (let i = 0; i < maxRedirects && response.status >= 300 && response.status < 400; i++) {
      const location = response.headers.get('location');
      if (!location) break;
      response = await this.get(new URL(location, url).toString());
    }
    return response;
  }
}
