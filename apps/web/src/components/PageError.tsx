import { describeError } from "../lib/api.js";

/** What a page shows when loading it failed, with a retry. */
export function PageError(props: { error: unknown; reset: () => void }) {
  const problem = () => describeError(props.error);
  return (
    <div class="notice notice-error" role="alert">
      <h1>Could not load this page</h1>
      <p>{problem().message}</p>
      {problem().hint ? <p class="hint">{problem().hint}</p> : null}
      <button type="button" onClick={() => props.reset()}>
        Try again
      </button>
    </div>
  );
}
