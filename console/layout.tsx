import type { Child } from 'hono/jsx';
import type { ConsolePageContext, SelectProps, TextProps } from '../integrations/system-console.js';

/** What every page needs from the request (the systems' console parts get the same). */
export type PageContext = ConsolePageContext;

const css = `
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa;line-height:1.45}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,select:focus,[tabindex]:focus{outline:3px solid #c25400;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px}
header{background:#123;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header a{color:#fff}header form{margin-left:auto}
main{padding:1rem;max-width:80rem;margin:0 auto}
nav.tabs ul{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:.5rem 0 1rem}
nav.tabs a{display:inline-block;padding:.35rem .7rem;border:1px solid #0b4f9c;border-radius:4px;text-decoration:none}
nav.tabs a[aria-current=page]{background:#0b4f9c;color:#fff}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6}
form.inline{display:inline}
label{display:block;font-weight:600;margin-top:.6rem}
input,select{font:inherit;padding:.35rem;max-width:100%;min-width:12rem}
button{font:inherit;padding:.4rem .9rem;margin:.4rem .4rem .4rem 0;background:#0b4f9c;color:#fff;border:0;border-radius:4px;cursor:pointer}
button.danger{background:#a11}
.error{color:#a11;font-weight:600;margin:.2rem 0}
.ok{color:#175d1f;font-weight:600}.bad{color:#a11;font-weight:600}
.flash{background:#e6f0fa;border-left:4px solid #0b4f9c;padding:.5rem .8rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem}
.card{background:#fff;border:1px solid #ccc;border-radius:6px;padding:.8rem}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #ccc;padding:.5rem;font-size:.85rem}
fieldset{border:1px solid #ccc;margin:1rem 0;background:#fff;min-width:0}
select{width:100%;max-width:40rem}
`;

export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** A scrollable table region, focusable so keyboard users can scroll it. */
export function TableRegion(props: { label: string; children?: Child }) {
  return (
    <div class="scroll" role="region" aria-label={props.label} tabindex={0}>
      {props.children}
    </div>
  );
}

export function Layout(props: { title: string; page: PageContext; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · qzsync console`}</title>
        <style>{css}</style>
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header>
          <a href="/console">qzsync console</a>
          {props.page.user ? (
            <form method="post" action="/console/logout">
              <Csrf token={props.page.csrf} />
              <span>{props.page.user} </span>
              <button type="submit">Sign out</button>
            </form>
          ) : null}
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.page.flash ? (
            <p class="flash" role="status">
              {props.page.flash}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

export const connectionTabs = [
  ['', 'Connect'],
  ['settings', 'Settings'],
  ['checks', 'Prerequisites'],
  ['link', 'Link catalogs'],
  ['history', 'Sync history'],
  ['reconcile', 'Reconciliation'],
] as const;

export type ConnectionTab = (typeof connectionTabs)[number][0];

/** The pages of one connection, reachable from each other. */
export function ConnectionNav(props: { id: string; current: ConnectionTab }) {
  return (
    <nav class="tabs" aria-label="Connection pages">
      <ul>
        {connectionTabs.map(([path, label]) => (
          <li>
            <a
              href={`/console/c/${encodeURIComponent(props.id)}${path ? `/${path}` : ''}`}
              aria-current={path === props.current ? 'page' : undefined}
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A refused value's message, beside its field. */
export function FieldError(props: { id: string; message: string | undefined }) {
  return props.message ? (
    <p class="error" id={props.id}>
      {props.message}
    </p>
  ) : null;
}

/** A setting chosen from a list (`empty`: an option meaning unchanged). */
export function Select(props: SelectProps) {
  const id = props.name.replace('.', '-');
  return (
    <>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} aria-describedby={`${id}-error`}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.choices.map((c) => (
          <option value={c.value} selected={c.value === props.value}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={props.error} />
    </>
  );
}

/** A setting typed in. */
export function Text(props: TextProps) {
  const id = props.name.replace('.', '-');
  return (
    <>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        step={props.type === 'number' ? 'any' : undefined}
        value={props.value}
        aria-describedby={`${id}-error`}
      />
      {props.hint ? <p>{props.hint}</p> : null}
      <FieldError id={`${id}-error`} message={props.error} />
    </>
  );
}
