import type { ChecksAnswer } from '../../operator/contract/checks.js';
import { ConnectionNav, Layout, TableRegion, type PageContext } from '../layout.js';

export function ChecksPage(props: { page: PageContext; connectionId: string; checks: ChecksAnswer }) {
  return (
    <Layout title="Prerequisites" page={props.page}>
      <ConnectionNav id={props.connectionId} current="checks" />
      <p class={props.checks.ok ? 'ok' : 'bad'}>
        {props.checks.ok ? 'Every prerequisite passes.' : 'Some prerequisites fail: change what each one says.'}
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
                <td class={c.status === 'passed' ? 'ok' : 'bad'}>{c.status}</td>
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
