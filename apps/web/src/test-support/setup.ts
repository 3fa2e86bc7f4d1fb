import { cleanup } from "@solidjs/testing-library";
import { afterEach } from "vitest";

// Unmount what each test rendered, so tests never see each other's DOM.
afterEach(cleanup);

// jsdom has no scrolling; the router scrolls to the top after navigating.
window.scrollTo = () => {};
