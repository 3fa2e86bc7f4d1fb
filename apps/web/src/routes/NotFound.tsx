import { A } from "@solidjs/router";

/** Any path the UI does not know. */
export function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <A href="/">Go to your workspaces</A>
      </p>
    </>
  );
}
