import type { ChecksAnswer } from '../../operator/contract/checks.js';
import { ConnectionNav, Layout, TableRegion, type PageContext } from '../layout.js';

/** What the checks come to: failures first, then answers still to come (a Web Connector's next session). */
function summary(checks: ChecksAnswer): { text: string; ok: boolean } {
  if (!checks.ok) return { text: 'Some prerequisites fail: change what each one says.', ok: false };
  const pending = checks.checks.filter((c) => c.status === 'pending').length;
  if (pending > 0) {
    return {
      text: `None fails so far; ${pending} wait${pending === 1 ? 's' : ''} for an answer from the next Web Connector session: check again after it.`,
      ok: false,
    };
  }
  return { text: 'Every prerequisite passes.', ok: true };
}

export function ChecksPage(props: { page: PageContext; connectionId: string; checks: ChecksAnswer }) {
  const said = summary(props.checks);
  return (
    <Layout title="Prerequisites" page={props.page}>
      <ConnectionNav id={props.connectionId} current="checks" />
      <p class={said.ok ? 'ok' : 'bad'} role="status">
        {said.text}
      </p>
      <TableRegion label="Prerequisite checks">
        <table>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Result</th>
              <th scope="col">Detail</th>
              <th scope="col">What to change</th>
            </tr>
          </thead>
          <tbody>
            {props.checks.checks.map((c) => (
              <tr>
                <td>{c.title}</td>
                <td class={c.status === 'passed' ? 'ok' : c.status === 'pending' ? undefined : 'bad'}>{c.status}</td>
                <td>{c.detail}</td>
                <td>{c.fix ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <form method="get" action={`/console/c/${encodeURIComponent(props.connectionId)}/checks`}>
        <button type="submit">Check again</button>
      </form>
    </Layout>
  );
}
