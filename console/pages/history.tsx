import type { HistoryDetail, HistoryEntry } from '../../operator/contract/history.js';
import type { SideNamesView } from '../../operator/contract/runs.js';
import { historyRow, type HistoryFilters } from '../history-rows.js';
import { ConnectionNav, Csrf, Layout, TableRegion, type PageContext } from '../layout.js';

function Filter(props: { name: string; label: string; value: string | undefined; options?: string[]; type?: string }) {
  return (
    <span>
      <label for={`f-${props.name}`}>{props.label}</label>
      {props.options ? (
        <select id={`f-${props.name}`} name={props.name}>
          <option value="">any</option>
          {props.options.map((o) => (
            <option value={o} selected={o === props.value}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input id={`f-${props.name}`} name={props.name} type={props.type ?? 'text'} value={props.value ?? ''} />
      )}
    </span>
  );
}

/** Column headings when the connection's systems are unknown (its history could not be read). */
const unnamed: SideNamesView = {
  accounting: { system: 'Accounting', record: 'accounting item' },
  field: { system: 'Field', record: 'field item' },
};

export function HistoryPage(props: {
  page: PageContext;
  connectionId: string;
  filters: HistoryFilters;
  /** The connection's systems; absent when the history could not be read. */
  names?: SideNamesView | undefined;
  entries: HistoryEntry[];
  error?: string;
}) {
  const base = `/console/c/${encodeURIComponent(props.connectionId)}`;
  const f = props.filters;
  const names = props.names ?? unnamed;
  const query = new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <Layout title="Sync history" page={props.page}>
      <ConnectionNav id={props.connectionId} current="history" />
      <form method="get" action={`${base}/history`}>
        <Filter name="item" label={`Item (${names.accounting.record} or ${names.field.record} id)`} value={f.item} />
        <Filter name="kind" label="Kind" value={f.kind} options={['quantity', 'item', 'reconcile', 'link']} />
        <Filter
          name="status"
          label="Status"
          value={f.status}
          options={['started', 'succeeded', 'failed', 'needs_attention']}
        />
        <Filter name="from" label="From (date)" value={f.from} type="date" />
        <Filter name="to" label="To (date)" value={f.to} type="date" />
        <div>
          <button type="submit">Filter</button>
          <a href={`${base}/history.csv${query ? `?${query}` : ''}`}>Export these rows as CSV</a>
        </div>
      </form>
      {props.error ? <p class="error">{props.error}</p> : null}
      <TableRegion label="Sync history">
        <table>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Item</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">{names.accounting.system} before → after</th>
              <th scope="col">{names.field.system} before → after</th>
              <th scope="col">What happened</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => {
              const r = historyRow(e);
              return (
                <tr data-history-id={String(e.id)}>
                  <td>{r.time.replace('T', ' ').slice(0, 19)}</td>
                  <td>
                    {r.item} {r.accountingItemId ? `(${names.accounting.system} ${r.accountingItemId}` : ''}
                    {r.fieldItemId
                      ? `${r.accountingItemId ? ', ' : '('}${names.field.system} ${r.fieldItemId})`
                      : r.accountingItemId
                        ? ')'
                        : ''}
                  </td>
                  <td>{r.kind}</td>
                  <td class={r.status === 'succeeded' ? 'ok' : r.status === 'started' ? '' : 'bad'}>{r.status}</td>
                  <td>{r.accounting}</td>
                  <td>{r.field}</td>
                  <td>
                    {r.summary}
                    {r.explanation ? <p>{r.explanation}</p> : null}
                    {r.fix ? <p>Fix: {r.fix}</p> : null}
                  </td>
                  <td>
                    <a href={`/console/history/${e.id}`}>Details</a>
                    {e.status === 'failed' || e.status === 'needs_attention' ? (
                      <form method="post" action={`/console/history/${e.id}/retry`} class="inline">
                        <Csrf token={props.page.csrf} />
                        <button type="submit">Retry</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </Layout>
  );
}

export function HistoryDetailPage(props: { page: PageContext; entry: HistoryDetail; temporalUiUrl: string | null }) {
  const e = props.entry;
  const { names } = e;
  const r = historyRow(e);
  return (
    <Layout title={`Sync ${e.id}: ${e.kind} ${e.status}`} page={props.page}>
      <ConnectionNav id={e.connectionId} current="history" />
      <dl>
        <dt>Item</dt>
        <dd>
          {r.item} ({names.accounting.system} {r.accountingItemId || '—'}, {names.field.system} {r.fieldItemId || '—'})
        </dd>
        <dt>Started</dt>
        <dd>{e.startedAt}</dd>
        <dt>{names.accounting.system} before → after</dt>
        <dd>{r.accounting || '—'}</dd>
        <dt>{names.field.system} before → after</dt>
        <dd>{r.field || '—'}</dd>
        <dt>What happened</dt>
        <dd>{e.summary}</dd>
        {e.explanation ? (
          <>
            <dt>Why it failed</dt>
            <dd>{e.explanation}</dd>
            <dt>How to fix it</dt>
            <dd>{e.fix ?? ''}</dd>
          </>
        ) : null}
      </dl>
      {props.temporalUiUrl ? (
        <p>
          <a href={props.temporalUiUrl}>Open this run in the Temporal UI</a>
        </p>
      ) : null}
      {e.status === 'failed' || e.status === 'needs_attention' ? (
        <form method="post" action={`/console/history/${e.id}/retry`}>
          <Csrf token={props.page.csrf} />
          <button type="submit">Retry</button>
        </form>
      ) : null}
      <h2>Both records and the movements written</h2>
      <pre tabindex={0} aria-label="Recorded details">
        {JSON.stringify(e.details, null, 2)}
      </pre>
    </Layout>
  );
}
