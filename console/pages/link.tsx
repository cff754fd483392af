import type { LinkActionView, LinkResultView, RunAnswer, SideNamesView } from '../../operator/contract/runs.js';
import { ConnectionNav, Csrf, FieldError, Layout, TableRegion, type PageContext } from '../layout.js';

/** Items per second since the run started. */
const rate = (p: { done: number; startedAt: string }) => {
  const seconds = (Date.now() - Date.parse(p.startedAt)) / 1000;
  return seconds > 0 ? (p.done / seconds).toFixed(1) : '0';
};

/** One planned action; each column is a side, headed with the system the connection has there. */
function ActionRow(props: { a: LinkActionView; names: SideNamesView }) {
  const { a, names } = props;
  const onSide = (side: 'accounting' | 'field', text: string) => (
    <>
      <td>{side === 'accounting' ? text : ''}</td>
      <td>{side === 'field' ? text : ''}</td>
    </>
  );
  switch (a.action) {
    case 'keep':
      return (
        <tr>
          <td>already linked</td>
          <td>{a.accountingItemId}</td>
          <td>{a.fieldItemId}</td>
          <td></td>
          <td></td>
        </tr>
      );
    case 'link':
      return (
        <tr>
          <td>link by {a.by === 'sku' ? 'SKU' : 'name'}</td>
          <td>{a.accountingItemId}</td>
          <td>{a.fieldItemId}</td>
          <td>{a.kind}</td>
          <td>
            {a.quantityChange
              ? `${names[a.quantityChange.side].system}: ${a.quantityChange.from} → ${a.quantityChange.to}`
              : ''}
          </td>
        </tr>
      );
    case 'create':
      // The item it copies is on the other side.
      return (
        <tr>
          <td>create in {names[a.in].system}</td>
          {onSide(a.in === 'accounting' ? 'field' : 'accounting', `${a.fromId} ${a.name}`)}
          <td>{a.kind}</td>
          <td></td>
        </tr>
      );
    case 'skip':
      return (
        <tr>
          <td>skipped</td>
          {onSide(a.side, `${a.id} ${a.name}`)}
          <td></td>
          <td>{a.reason}</td>
        </tr>
      );
  }
}

function Plan(props: { result: LinkResultView; caption: string }) {
  const r = props.result;
  return (
    <>
      <p>
        {r.summary.keep} already linked, {r.summary.link} to link, {r.summary.create} to create, {r.summary.skip}{' '}
        skipped, {r.summary.quantityChanges} quantities that move.
      </p>
      <TableRegion label={props.caption}>
        <table>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">{r.names.accounting.record}</th>
              <th scope="col">{r.names.field.record}</th>
              <th scope="col">Kind</th>
              <th scope="col">Quantity / reason</th>
            </tr>
          </thead>
          <tbody>
            {r.actions.map((a) => (
              <ActionRow a={a} names={r.names} />
            ))}
          </tbody>
        </table>
      </TableRegion>
      {r.failed.length > 0 ? (
        <>
          <h3>Errors</h3>
          <ul>
            {r.failed.map((f) => (
              <li>
                {f.error} {f.fix ?? ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function LinkPage(props: {
  page: PageContext;
  connectionId: string;
  dryRun?: LinkResultView;
  run?: RunAnswer;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const base = `/console/c/${encodeURIComponent(props.connectionId)}`;
  const run = props.run;
  const e = props.errors ?? {};
  return (
    <Layout title="Link catalogs" page={props.page}>
      <ConnectionNav id={props.connectionId} current="link" />
      {e.form ? <p class="error">{e.form}</p> : null}
      <form method="post" action={`${base}/link/dry-run`} class="inline">
        <Csrf token={props.page.csrf} />
        <button type="submit">Dry run</button>
      </form>
      <form method="post" action={`${base}/link`} class="inline">
        <Csrf token={props.page.csrf} />
        <button type="submit">Link</button>
      </form>
      {props.dryRun ? (
        <section aria-labelledby="dry-h">
          <h2 id="dry-h">Dry run: nothing was written</h2>
          <Plan result={props.dryRun} caption="What linking would do" />
        </section>
      ) : null}
      {run ? (
        <section aria-labelledby="run-h" aria-live="polite">
          <h2 id="run-h">Link run</h2>
          {run.state === 'running' ? (
            <>
              <p id="link-progress">
                {run.progress
                  ? `Linking: ${run.progress.done} of ${run.progress.total} items done, ${rate(run.progress)} items/s, ${run.progress.errors} errors.`
                  : 'Linking: making the plan…'}{' '}
                (This page follows the run; reloading it is safe.)
              </p>
              <script>{'setTimeout(function(){location.reload()},1500)'}</script>
            </>
          ) : run.state === 'failed' ? (
            <p class="bad">
              The link failed: {run.failure.explanation} {run.failure.fix ?? ''}
            </p>
          ) : run.kind === 'link' ? (
            <>
              <p class="ok" id="link-progress">
                Linked: {run.result.summary.link + run.result.summary.create} of{' '}
                {run.result.summary.link + run.result.summary.create + run.result.summary.skip} items done,{' '}
                {run.result.failed.length} errors.
              </p>
              <Plan result={run.result} caption="What linking did" />
            </>
          ) : null}
        </section>
      ) : null}
      <h2>Link one item by hand</h2>
      <form method="post" action={`${base}/items/link`}>
        <Csrf token={props.page.csrf} />
        <label for="accountingItemId">Accounting item id</label>
        <input id="accountingItemId" name="accountingItemId" required value={props.values?.accountingItemId ?? ''} />
        <FieldError id="accountingItemId-error" message={e.accountingItemId} />
        <label for="fieldItemId">Field item id</label>
        <input id="fieldItemId" name="fieldItemId" required value={props.values?.fieldItemId ?? ''} />
        <FieldError id="fieldItemId-error" message={e.fieldItemId} />
        <div>
          <button type="submit">Link these two</button>
        </div>
      </form>
      <h2>Unlink one item</h2>
      <form method="post" action={`${base}/items/unlink`}>
        <Csrf token={props.page.csrf} />
        <label for="unlinkAccountingItemId">Accounting item id</label>
        <input id="unlinkAccountingItemId" name="accountingItemId" required />
        <FieldError id="unlink-error" message={e.unlink} />
        <div>
          <button type="submit" class="danger">
            Unlink
          </button>
        </div>
      </form>
    </Layout>
  );
}
