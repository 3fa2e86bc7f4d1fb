// Writes config.schema.json from the built package, so editors can validate
// config.json. Run `pnpm --filter @perry/config schema` after changing src/schema.ts.
import { writeFile } from "node:fs/promises";
import { configJsonSchema } from "../dist/index.js";

const target = new URL("../config.schema.json", import.meta.url);
await writeFile(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
