import * as v from "valibot";

// Schemas for the JSON the tailscale CLI prints. Loose objects: new CLI versions add
// fields, and Go prints `null` for empty slices and maps, so those are nullish.

const Strings = v.nullish(v.array(v.string()));

const PeerStatusJson = v.looseObject({
  ID: v.optional(v.string()),
  HostName: v.optional(v.string()),
  DNSName: v.optional(v.string()),
  OS: v.optional(v.string()),
  UserID: v.optional(v.number()),
  TailscaleIPs: Strings,
  Tags: Strings,
  Online: v.optional(v.boolean()),
});

/** `tailscale status --json` (ipnstate.Status). */
export const StatusJson = v.looseObject({
  BackendState: v.string(),
  Self: v.nullish(PeerStatusJson),
  MagicDNSSuffix: v.optional(v.string()),
  CurrentTailnet: v.nullish(v.looseObject({ Name: v.optional(v.string()), MagicDNSSuffix: v.optional(v.string()) })),
  CertDomains: Strings,
  Health: Strings,
  Peer: v.nullish(v.record(v.string(), PeerStatusJson)),
  User: v.nullish(v.record(v.string(), v.looseObject({ ID: v.number(), LoginName: v.optional(v.string()) }))),
});
export type StatusJson = v.InferOutput<typeof StatusJson>;

const HttpHandlerJson = v.looseObject({
  Proxy: v.optional(v.string()),
  Path: v.optional(v.string()),
  Text: v.optional(v.string()),
  Redirect: v.optional(v.string()),
});

/** `tailscale serve status --json` (ipn.ServeConfig); `{}` when nothing is served. */
export const ServeConfigJson = v.looseObject({
  TCP: v.nullish(v.record(v.string(), v.looseObject({ HTTPS: v.optional(v.boolean()), HTTP: v.optional(v.boolean()), TCPForward: v.optional(v.string()) }))),
  Web: v.nullish(v.record(v.string(), v.looseObject({ Handlers: v.nullish(v.record(v.string(), HttpHandlerJson)) }))),
});
export type ServeConfigJson = v.InferOutput<typeof ServeConfigJson>;

/** `tailscale whois --json <ip>` (apitype.WhoIsResponse). */
export const WhoIsJson = v.looseObject({
  Node: v.looseObject({
    ID: v.optional(v.number()),
    StableID: v.optional(v.string()),
    Name: v.string(),
    Tags: Strings,
  }),
  UserProfile: v.looseObject({ ID: v.number(), LoginName: v.string() }),
});
export type WhoIsJson = v.InferOutput<typeof WhoIsJson>;
