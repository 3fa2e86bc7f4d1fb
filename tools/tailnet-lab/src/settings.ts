import { homedir } from "node:os";
import { join } from "node:path";

/** Where the lab finds its binaries and images; every field can be overridden per call. */
export interface LabSettings {
  /** Cache for the built control binary (default `$PERRY_CACHE_DIR` or ~/.cache/perry). */
  cacheDir: string;
  /** Directory with static `tailscale` and `tailscaled` (default `$PERRY_TAILSCALE_BIN_DIR` or <cache>/tailscale-v1.102.5). */
  tailscaleBinDir: string;
  /** Offline base image for the control container. */
  baseImage: string;
  /** Image for devices; falls back to `baseImage` when it is not present. */
  deviceImage: string;
}

/** Reads the lab's settings from the environment (the only place that does). */
export function labSettings(overrides: Partial<LabSettings> = {}, env: NodeJS.ProcessEnv = process.env): LabSettings {
  const cacheDir = overrides.cacheDir ?? env.PERRY_CACHE_DIR ?? join(homedir(), ".cache", "perry");
  return {
    cacheDir,
    tailscaleBinDir: overrides.tailscaleBinDir ?? env.PERRY_TAILSCALE_BIN_DIR ?? join(cacheDir, "tailscale-v1.102.5"),
    baseImage: overrides.baseImage ?? env.PERRY_BASE_IMAGE ?? "perry-base:bookworm",
    deviceImage: overrides.deviceImage ?? env.PERRY_IMAGE ?? "perry-workspace:latest",
  };
}
