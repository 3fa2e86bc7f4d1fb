// Command line for the lab: `tools/tailnet-lab/lab.sh up [--https] [--network NAME] | down [ID...] | status`.
// `up` leaves the lab running (containers persist after this process exits); `down` removes it.
import { parseArgs } from "node:util";
import { type LabConfig, type LabNode, adminCall } from "./src/admin.js";
import { listLabIds, removeLab, startLab } from "./src/lab.js";
import { docker } from "./src/run.js";

async function controlUrlOf(id: string): Promise<string> {
  const ip = await docker(["inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", `perry-lab-control-${id}`]);
  return `http://${ip}:8080`;
}

async function up(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { https: { type: "boolean" }, network: { type: "string" } } });
  const lab = await startLab({ https: values.https, network: values.network });
  console.log(`lab ${lab.id} is up (HTTPS ${values.https ? "on" : "off"}, MagicDNS suffix ${lab.magicDnsSuffix})
  control server:  ${lab.controlUrl}   (Docker network ${lab.network})
  auth key:        ${lab.authKey}   (reusable, user owner@example.com)
  admin API:       curl ${lab.controlUrl}/lab/nodes   (also /lab/config, /lab/users, POST /lab/authkeys, POST /lab/https)
join a node:
  tailscale up --login-server=${lab.controlUrl} --auth-key=${lab.authKey} --hostname=<name> [--accept-dns]
containers: docker run --network ${lab.network} ... ; the host reaches ${lab.controlUrl} directly.
stop it:    tools/tailnet-lab/lab.sh down ${lab.id}`);
}

async function down(ids: string[]): Promise<void> {
  for (const id of ids.length > 0 ? ids : await listLabIds()) {
    await removeLab(id);
    console.log(`lab ${id} removed`);
  }
}

async function status(): Promise<void> {
  const ids = await listLabIds();
  if (ids.length === 0) console.log("no labs running");
  for (const id of ids) {
    try {
      const url = await controlUrlOf(id);
      const config = await adminCall<LabConfig>(url, "GET", "config");
      const nodes = await adminCall<LabNode[]>(url, "GET", "nodes");
      console.log(`lab ${id}: ${url} https=${config.https} auth key ${config.authKey}`);
      for (const n of nodes) console.log(`  ${n.ips[0]}  ${n.dnsName}  ${n.user}  ${n.online ? "online" : "offline"}${n.ephemeral ? " ephemeral" : ""}`);
    } catch (err) {
      console.log(`lab ${id}: not answering (${(err as Error).message})`);
    }
  }
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = { up, down, status };
const handler = command ? commands[command] : undefined;
if (!handler) {
  console.error("usage: lab.sh up [--https] [--network NAME] | down [LAB_ID...] | status");
  process.exit(2);
}
handler(rest).catch((err: Error) => {
  console.error(`tailnet-lab: ${err.message}`);
  process.exit(1);
});
