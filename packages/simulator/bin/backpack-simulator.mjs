#!/usr/bin/env node
// The `backpack-simulator` command: runs the built simulator (dist/bin.js) in this very process, so a
// signal sent to this process reaches the server itself (no wrapper, no child process). In the
// workspace run `pnpm build` first, or use `pnpm simulator`, which runs the sources through tsx's loader.
import "../dist/bin.js"
