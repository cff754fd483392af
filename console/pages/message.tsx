import { Layout, type PageContext } from '../layout.js';

/** A page that only tells something: a refusal, an error, a missing row. */
export function MessagePage(props: { title: string; lines: string[]; page?: PageContext }) {
  return (
    <Layout title={props.title} page={props.page ?? { user: null, csrf: '', flash: null }}>
      {props.lines.map((line) => (
        <p>{line}</p>
      ))}
      <p>
        <a href="/console">Back to the console</a>
      </p>
    </Layout>
  );
}
