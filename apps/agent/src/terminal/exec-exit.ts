// Waiting for a `docker exec` started with hijack to finish, shared by the terminal and the clone.

/** Resolves when the attach stream ends, closes or fails. */
export function streamEnded(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise<void>((resolve) => {
    stream.once("end", resolve);
    stream.once("close", resolve);
    stream.once("error", () => resolve());
  });
}

/** The exec's exit code; the attach stream can end a moment before Docker records it (-1 if it never does). */
export async function execExitCode(exec: { inspect(): Promise<{ Running: boolean; ExitCode: number | null }> }, attempts = 40): Promise<number> {
  for (let i = 0; ; i++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    if (i >= attempts) return -1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
