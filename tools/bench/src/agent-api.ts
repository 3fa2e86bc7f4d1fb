// The agent's HTTP API as the bench uses it: plain fetch, JSON in and out, non-2xx is an error.

// Longer than any single step the agent takes (a logout gives up after 30 s), shorter than forever.
const CALL_TIMEOUT_MS = 120_000;

/** Calls the agent at `baseUrl`; resolves with the parsed JSON body, throws with the agent's message otherwise. */
export async function agentCall<T = unknown>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The fields of a workspace the bench looks at. */
export interface BenchWorkspace {
  name: string;
  status: string;
  tailscale: { state: string; hostname?: string; dnsName?: string; error?: string };
}
