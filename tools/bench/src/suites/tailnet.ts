// Create → reachable on the lab tailnet, by phase: container running (the start call returns), tailscaled
// up (GET /api/workspaces/<name> reports state "running"), first answer to a connection from another
// tailnet device. The lab runs on Docker's default bridge, where workspaces live, so they reach its
// control server, DERP and STUN without any agent setting.
import { type Device, type Lab, removeLab, startDevice, startLab } from "@perry/tailnet-lab";
import { agentCall, type BenchWorkspace } from "../agent-api.js";
import type { BenchContext } from "../context.js";
import { namePrefix } from "../fixtures.js";
import { figure, type Figure } from "../report.js";
import { type Repeat, summarise, timed } from "../stats.js";

const REACHABLE_TARGET_MS = 5_000;
// Below the lab's 60 s limit on `docker exec` in a device.
const DEADLINE_MS = 55_000;
const POLL_MS = 100;
// The workspace image has no HTTP server or nc: the "answer" is sshd's banner on port 22 (always running),
// read with bash's /dev/tcp from the device. The device prints its clock when it gets it (same kernel clock).
const probeScript = (host: string, seconds: number) =>
  `end=$(( $(date +%s) + ${seconds} )); while [ $(date +%s) -lt $end ]; do ` +
  `if timeout 1 bash -c 'exec 3<>/dev/tcp/${host}/22 && head -c 4 <&3' 2>/dev/null | grep -q SSH; then date +%s%3N; exit 0; fi; sleep 0.05; done; exit 1`;

interface Phases {
  container: number;
  tailscaled: number;
  answer: number;
  total: number;
  remove: number;
}

/** Starts a lab and a device, points the timed agent at the lab, and times `times` workspaces joining it. */
export async function benchTailnet(ctx: BenchContext, times: Repeat): Promise<Figure[]> {
  let lab: Lab | undefined;
  let device: Device | undefined;
  try {
    ctx.log("tailnet: starting the lab on the default bridge and a device");
    lab = await startLab({ network: "bridge" });
    const labId = lab.id;
    ctx.defer(() => removeLab(labId));
    device = await startDevice(lab, { name: `b${ctx.scope.id}-laptop` });
    await agentCall(ctx.agent.url, "PATCH", "/api/config", { tailscale: { authKey: lab.authKey, loginServer: lab.controlUrl } });
    const runs: Phases[] = [];
    for (let i = -times.warmup; i < times.runs; i++) {
      ctx.log(`tailnet: run ${i < 0 ? "warm-up" : i + 1} of ${times.runs}`);
      const phases = await joinOnce(ctx, lab, device, `${namePrefix(ctx.scope)}t${i + times.warmup}`);
      if (i >= 0) runs.push(phases);
    }
    const pick = (key: keyof Phases) => summarise(runs.map((r) => r[key]));
    const total = pick("total");
    return [
      figure({
        id: "tailnet.reachable",
        what: "create → reachable on the tailnet (lab)",
        unit: "ms",
        value: total,
        target: { text: `≤ ${REACHABLE_TARGET_MS} ms median`, pass: total.median <= REACHABLE_TARGET_MS },
        note: "answer = sshd banner on port 22 read from another tailnet node by MagicDNS name (the image has no HTTP server)",
        details: { runs, lab: { network: lab.network, controlUrl: lab.controlUrl } },
      }),
      figure({ id: "tailnet.phase.container", what: "  phase: container running", unit: "ms", value: pick("container") }),
      figure({
        id: "tailnet.phase.tailscaled",
        what: "  phase: tailscaled up (API says running)",
        unit: "ms",
        value: pick("tailscaled"),
        note: "read from the report file the entrypoint writes; its refresh interval is part of this phase",
      }),
      figure({ id: "tailnet.phase.answer", what: "  phase: first answer after that", unit: "ms", value: pick("answer"), note: "0 when the device got an answer before the API said running" }),
      figure({ id: "tailnet.remove", what: "remove (running, tailnet logout)", unit: "ms", value: pick("remove") }),
    ];
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    ctx.log(`tailnet: not measured: ${reason}`);
    return [figure({ id: "tailnet.reachable", what: "create → reachable on the tailnet (lab)", unit: "ms", note: `not measured: ${reason}` })];
  } finally {
    await device?.stop().catch(() => undefined);
    await lab?.stop().catch(() => undefined);
  }
}

async function joinOnce(ctx: BenchContext, lab: Lab, device: Device, name: string): Promise<Phases> {
  const url = ctx.agent.url;
  const t0 = Date.now();
  const started = await agentCall<{ workspace: BenchWorkspace }>(url, "POST", `/api/workspaces/${name}/start`, { create: true });
  const t1 = Date.now();
  const host = `${started.workspace.tailscale.hostname ?? name}.${lab.magicDnsSuffix}`;
  const probe = device.exec(["bash", "-c", probeScript(host, DEADLINE_MS / 1000)]);
  let state = started.workspace.tailscale.state;
  while (state !== "running" && Date.now() - t0 < DEADLINE_MS) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    state = (await agentCall<BenchWorkspace>(url, "GET", `/api/workspaces/${name}`)).tailscale.state;
  }
  const t2 = Date.now();
  const answered = await probe;
  if (state !== "running") throw new Error(`${name} never reported tailscale state running (last: ${state})`);
  if (answered.exitCode !== 0) throw new Error(`the device got no answer from ${host}:22 within ${DEADLINE_MS / 1000} s`);
  const t3 = Number(answered.stdout.trim());
  const remove = await timed(() => agentCall(url, "DELETE", `/api/workspaces/${name}`));
  return { container: t1 - t0, tailscaled: t2 - t1, answer: Math.max(0, t3 - t2), total: Math.max(t2, t3) - t0, remove };
}
