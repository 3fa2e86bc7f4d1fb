import { EventEmitter } from "node:events";
import type { WorkspaceEvent } from "@perry/api-client";

/** Fan-out of workspace changes to SSE clients. */
export class WorkspaceEvents {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Every open browser tab is a listener; the default limit of 10 would warn.
    this.#emitter.setMaxListeners(0);
  }

  /** Publishes an event to every subscriber. */
  emit(event: WorkspaceEvent): void {
    this.#emitter.emit("event", event);
  }

  /** Subscribes; returns the function that unsubscribes. */
  subscribe(listener: (event: WorkspaceEvent) => void): () => void {
    this.#emitter.on("event", listener);
    return () => this.#emitter.off("event", listener);
  }
}
