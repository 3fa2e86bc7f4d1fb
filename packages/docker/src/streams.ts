// Turning Docker's HTTP streams (multiplexed output, newline-delimited JSON) into async iterables.
import { createInterface } from "node:readline";
import { PassThrough, Readable } from "node:stream";
import type Docker from "dockerode";

/** Text lines of a byte stream, without their line endings. */
export async function* lines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of reader) yield line;
  } finally {
    reader.close();
  }
}

/** Parsed objects of a newline-delimited JSON stream (events, build progress); blank lines are skipped. */
export async function* jsonLines<T>(stream: NodeJS.ReadableStream): AsyncGenerator<T> {
  for await (const line of lines(stream)) {
    if (line.trim() !== "") yield JSON.parse(line) as T;
  }
}

/** Splits Docker's stdout/stderr multiplexing into one stream (for logs) or two (for exec). */
export function demux(
  modem: Docker["modem"],
  source: NodeJS.ReadableStream | Buffer,
  stdout: PassThrough = new PassThrough(),
  stderr: PassThrough = stdout,
): { stdout: PassThrough; stderr: PassThrough; done: Promise<void> } {
  const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
  const done = new Promise<void>((resolve) => {
    const finish = () => {
      stdout.end();
      if (stderr !== stdout) stderr.end();
      resolve();
    };
    input.once("end", finish);
    input.once("close", finish);
    input.once("error", (err) => {
      stdout.destroy(err);
      if (stderr !== stdout) stderr.destroy(err);
      resolve();
    });
  });
  modem.demuxStream(input, stdout, stderr);
  return { stdout, stderr, done };
}

/** Everything a stream yields, as one string. */
export async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString("utf8");
}
