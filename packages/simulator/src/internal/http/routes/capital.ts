/**
 * Capital: balances, collateral, deposits, deposit addresses, withdrawals.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import { createHash } from "node:crypto"
import * as Accounts from "../../engine/accounts.js"
import * as History from "../../engine/history.js"
import type { Account } from "../../engine/model.js"
import { naiveMs } from "../../engine/model.js"
import { blockchains } from "../../markets.js"
import { attach } from "../../venue.js"
import * as Wire from "../../wire.js"
import { Enum, QBool, QInt, QText, required } from "../edge.js"
import { withdrawal } from "../payloads.js"
import { json } from "../reply.js"
import type { RouteDomain } from "../route.js"
import { route } from "../route.js"

const base58 = (bytes: Uint8Array): string => {
  const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
  let n = BigInt(`0x${Buffer.from(bytes).toString("hex")}`)
  let out = ""
  while (n > 0n) {
    out = alphabet[Number(n % 58n)] + out
    n /= 58n
  }
  return out
}

/** A stable per-account, per-chain deposit address in the chain's format. */
const depositAddress = (account: Account, blockchain: string): string => {
  const digest = createHash("sha256").update(account.publicKey).update(blockchain).digest()
  if (["Solana", "Eclipse", "Fogo"].includes(blockchain)) return base58(digest)
  if (blockchain === "Bitcoin") return `bc1q${digest.toString("hex").slice(0, 38)}`
  return `0x${digest.toString("hex").slice(0, 40)}`
}

const range = { from: Schema.optional(QInt("int64")), to: Schema.optional(QInt("int64")) }
const paging = { limit: Schema.optional(QInt("uint64")), offset: Schema.optional(QInt("uint64")) }
const DepositsQuery = Schema.Struct({ ...range, ...paging, excludePlatform: Schema.optional(QBool) })
const WithdrawalsQuery = Schema.Struct({
  id: Schema.optional(QInt("int32")),
  clientId: Schema.optional(QText("String")),
  ...range,
  ...paging
})
const AddressQuery = Schema.Struct({ blockchain: required(Enum("Blockchain", blockchains)) })

/** A `from`..`to` window (ms) and `limit` / `offset` (default 100, max 1000) of a capital history. */
const window = (q: Partial<Record<"from" | "to" | "limit" | "offset", number | undefined>>) => ({
  from: q.from ?? 0,
  to: q.to ?? Number.MAX_SAFE_INTEGER,
  newestFirst: true,
  offset: q.offset ?? 0,
  limit: Math.min(q.limit ?? 100, 1000)
})

export const routes: RouteDomain = (engine) => [
  route({
    method: "GET",
    path: "/api/v1/capital",
    instruction: "balanceQuery",
    handler: ({ account }) => json(Wire.balances(account))
  }),
  route({
    method: "GET",
    path: "/api/v1/capital/collateral",
    instruction: "collateralQuery",
    handler: ({ account }) => json(Wire.collateralSummary(engine, attach(engine), account))
  }),
  route({
    method: "GET",
    path: "/wapi/v1/capital/deposits",
    instruction: "depositQueryAll",
    query: DepositsQuery,
    handler: ({ account, q }) => {
      const w = window(q)
      const rows = History.page(account.deposits, { ...w, keep: (d) => d.createdAt >= w.from && d.createdAt <= w.to })
      return json(rows.map(Wire.deposit))
    }
  }),
  route({
    method: "GET",
    path: "/wapi/v1/capital/deposit/address",
    instruction: "depositAddressQuery",
    query: AddressQuery,
    handler: ({ account, q }) => json({ address: depositAddress(account, q.blockchain) })
  }),
  route({
    method: "GET",
    path: "/wapi/v1/capital/withdrawals",
    instruction: "withdrawalQueryAll",
    query: WithdrawalsQuery,
    handler: ({ account, q }) => {
      const w = window(q)
      const rows = History.page(account.withdrawals, {
        ...w,
        keep: (r) =>
          (q.id === undefined || r.id === q.id) && (q.clientId === undefined || r.clientId === q.clientId) &&
          r.createdAt >= w.from && r.createdAt <= w.to
      })
      return json(rows.map(Wire.withdrawal))
    }
  }),
  route({
    method: "POST",
    path: "/wapi/v1/capital/withdrawals",
    instruction: "withdraw",
    body: withdrawal,
    handler: ({ account, b }) => {
      const record = Accounts.withdraw(engine, account, b)
      const view = Wire.withdrawal(record)
      const releaseAt = attach(engine).capital.hold(account, record)
      if (releaseAt === null) record.status = "confirmed"
      else view.triggerAt = naiveMs(releaseAt)
      return json(view)
    }
  })
]
