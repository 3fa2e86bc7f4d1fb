// A minimal in-memory ustar writer: enough to hand files to Docker's putArchive without a dependency.
import type { FileEntry } from "./contract.js";

const BLOCK = 512;

function writeString(header: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length > length) throw new RangeError(`tar field too long: ${value}`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  writeString(header, offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
}

/** Splits a path into ustar name (≤100 bytes) and prefix (≤155 bytes) at a slash. */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: "" };
  for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new RangeError(`path too long for a tar archive: ${path}`);
}

function header(path: string, size: number, file: FileEntry, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { name, prefix } = splitPath(path);
  writeString(h, 0, 100, name);
  writeOctal(h, 100, 8, file.mode ?? 0o600);
  writeOctal(h, 108, 8, file.uid ?? 0);
  writeOctal(h, 116, 8, file.gid ?? 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, mtime);
  h.fill(" ", 148, 156); // the checksum is computed with its own field as spaces
  writeString(h, 156, 1, "0");
  writeString(h, 257, 6, "ustar\0");
  writeString(h, 263, 2, "00");
  writeString(h, 345, 155, prefix);
  let sum = 0;
  for (const byte of h) sum += byte;
  writeString(h, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return h;
}

/** A tar archive of regular files; absolute paths are stored relative to `/` (extract at "/"). */
export function tarFiles(files: FileEntry[], mtime: Date = new Date()): Buffer {
  const seconds = Math.floor(mtime.getTime() / 1000);
  const parts: Buffer[] = [];
  for (const file of files) {
    const path = file.path.replace(/^\/+/, "");
    if (path === "" || path.split("/").includes("..")) throw new RangeError(`invalid file path: ${file.path}`);
    const body = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, "utf8");
    parts.push(header(path, body.length, file, seconds), body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
