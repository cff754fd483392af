import { Csrf, FieldError, Layout, type PageContext } from '../layout.js';

export function LoginPage(props: { page: PageContext; error?: string; username?: string; configured: boolean }) {
  return (
    <Layout title="Sign in" page={props.page}>
      {props.configured ? (
        <form method="post" action="/console/login">
          <Csrf token={props.page.csrf} />
          <FieldError id="login-error" message={props.error} />
          <label for="username">User name</label>
          <input id="username" name="username" autocomplete="username" required value={props.username ?? ''} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <div>
            <button type="submit">Sign in</button>
          </div>
        </form>
      ) : (
        <p>
          No sign-in is configured: set CONSOLE_USERNAME and CONSOLE_PASSWORD, or use the one-time sign-in link that
          `npm start` prints.
        </p>
      )}
    </Layout>
  );
}
