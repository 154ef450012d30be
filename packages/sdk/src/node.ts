/**
 * @effect-backpack/sdk/node — Node layers: `BackpackNode` wiring and the `node:crypto` signer.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as BackpackNode from "./BackpackNode.js"

/** @since 0.1.0 */
export * as NodeSigner from "./NodeSigner.js"

/** @since 0.3.0 */
export * as BackpackPaper from "./BackpackPaper.js"
