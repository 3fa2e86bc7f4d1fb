import type { ServeConfigJson } from "./schemas.js";

/** One web handler of Tailscale Serve: `https://<host>:<port><path>` → `target`. */
export interface ServeMapping {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** `Proxy` URL, or `path:<dir>`, `text:<text>`, `redirect:<url>` for the other handler kinds. */
  readonly target: string;
}

/** The node's serve configuration, flattened. */
export interface ServeStatus {
  readonly mappings: ServeMapping[];
  /** Ports with raw TCP forwarding (`--tcp`), port → destination. */
  readonly tcpForwards: Record<string, string>;
}

/** What `enableServe` set up, so that `disableServe` can remove exactly that. */
export interface ServeHandle {
  readonly httpsPort: number;
  readonly path: string;
  readonly target: string;
}

/** Flattens parsed `tailscale serve status --json`. */
export function toServeStatus(json: ServeConfigJson): ServeStatus {
  const mappings = Object.entries(json.Web ?? {}).flatMap(([hostPort, web]) => {
    const cut = hostPort.lastIndexOf(":");
    const host = hostPort.slice(0, cut);
    const port = Number(hostPort.slice(cut + 1));
    return Object.entries(web.Handlers ?? {}).map(([path, h]): ServeMapping => {
      const target = h.Proxy ?? (h.Path ? `path:${h.Path}` : h.Text !== undefined ? `text:${h.Text}` : h.Redirect ? `redirect:${h.Redirect}` : "");
      return { host, port, path, target };
    });
  });
  const tcpForwards = Object.fromEntries(
    Object.entries(json.TCP ?? {}).flatMap(([port, tcp]) => (tcp.TCPForward ? [[port, tcp.TCPForward]] : [])),
  );
  return { mappings, tcpForwards };
}

/** The mapping on a port and path, if any. */
export function findMapping(status: ServeStatus, port: number, path: string): ServeMapping | undefined {
  return status.mappings.find((m) => m.port === port && m.path === path);
}
