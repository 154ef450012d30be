/**
 * The test kit entry: `import { Testing } from "@effect-backpack/sdk/testing"`.
 *
 * @since 0.1.0
 */

/**
 * Partial mock layers, a recorded-response HTTP client and the live signing clock for tests.
 *
 * @since 0.1.0
 */
export * as Testing from "./Testing.js"
