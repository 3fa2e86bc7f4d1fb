import { describe, expect, it } from "vitest";
import { KeyedLock } from "./lock.js";

describe("KeyedLock", () => {
  it("runs work on the same key one after another, in call order", async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    const slow = lock.run("a", async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push("first");
    });
    const fast = lock.run("a", async () => {
      order.push("second");
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(["first", "second"]);
  });

  it("keeps going after a failed operation", async () => {
    const lock = new KeyedLock();
    await expect(lock.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(lock.run("a", async () => 42)).resolves.toBe(42);
    expect(lock.busy("a")).toBe(false);
  });

  it("does not make different keys wait for each other", async () => {
    const lock = new KeyedLock();
    let release!: () => void;
    const blocked = lock.run(
      "a",
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    await expect(lock.run("b", async () => "b done")).resolves.toBe("b done");
    release();
    await blocked;
  });
});
