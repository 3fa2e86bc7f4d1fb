#!/usr/bin/env node
// The `perry` executable: hands argv to oclif, which loads commands from ../dist/commands.
import { execute } from "@oclif/core";

await execute({ dir: import.meta.url });
