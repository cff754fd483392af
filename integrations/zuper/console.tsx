import type { SystemConsoleOf } from '../system-console.js';
import type { ZuperConnected } from './operator-contract.js';

/** What Zuper's card reads of the connection's status answer. */
export interface ZuperConsoleStatus {
  id: string;
  zuper: { connected: boolean; company: string | null };
}

/** Zuper in the console: its company and API key, checked by the API before they are saved, and disconnecting. */
export const zuperConsole: SystemConsoleOf<ZuperConsoleStatus> = ({ Csrf, FieldError }) => ({
  system: 'zuper',
  Card: ({ page, status: s, errors, values }) => {
    const base = `/console/c/${encodeURIComponent(s.id)}`;
    return (
      <section class="card" aria-labelledby="zuper-h">
        <h2 id="zuper-h">Zuper</h2>
        <p>{s.zuper.connected ? `Connected to company ${s.zuper.company ?? ''}.` : 'Not connected.'}</p>
        <form method="post" action={`${base}/zuper`}>
          <Csrf token={page.csrf} />
          <label for="company">Company login name</label>
          <input
            id="company"
            name="company"
            required
            value={values?.company ?? s.zuper.company ?? ''}
            aria-describedby="company-error"
          />
          <FieldError id="company-error" message={errors?.company} />
          <label for="apiKey">API key</label>
          <input id="apiKey" name="apiKey" type="password" required aria-describedby="apiKey-error" />
          <FieldError id="apiKey-error" message={errors?.apiKey} />
          <div>
            <button type="submit">Check the key and save</button>
          </div>
        </form>
        {s.zuper.connected ? <a href={`${base}/disconnect/zuper`}>Disconnect Zuper…</a> : null}
      </section>
    );
  },
  register: ({ scope, api, failed, done, connectionPage, field, fieldErrors }) => {
    scope.post('/console/c/:id/zuper', async (request, reply) => {
      const id = (request.params as Record<string, string>).id ?? '';
      const values = { company: field(request.body, 'company') };
      const answer = await api<ZuperConnected>('POST', `/connections/${encodeURIComponent(id)}/zuper`, {
        company: values.company,
        apiKey: field(request.body, 'apiKey'),
      });
      if (!answer.ok) {
        if (answer.status === 404) return failed(request, reply, answer.error, 404);
        return connectionPage(request, reply, fieldErrors(answer.error, 'apiKey'), values);
      }
      return done(
        request,
        reply,
        `Zuper company ${answer.body.company} connected: the key works and webhooks are registered.`,
        `/console/c/${encodeURIComponent(id)}`,
      );
    });
  },
});
