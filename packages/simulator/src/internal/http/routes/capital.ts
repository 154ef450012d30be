/**
 * Capital: balances, collateral, deposits, deposit addresses, withdrawals.
 *
 * @internal
 */
import { createHash } from "node:crypto"
import * as Accounts from "../../engine/accounts.js"
import * as History from "../../engine/history.js"
import type { Account } from "../../engine/model.js"
import { naiveMs } from "../../engine/model.js"
import { blockchains } from "../../markets.js"
import { collateralSummary } from "../../orderOps.js"
import { attach } from "../../venue.js"
import * as Wire from "../../wire.js"
import { boolParam, enumParam, intParam, pageOf } from "../params.js"
import { bodyObject } from "../payloads.js"
import { json } from "../reply.js"
import type { RouteDomain } from "../route.js"

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

export const routes: RouteDomain = (engine) => [
  {
    method: "GET",
    path: "/api/v1/capital",
    instruction: "balanceQuery",
    handler: ({ account }) => json(Wire.balances(account))
  },
  {
    method: "GET",
    path: "/api/v1/capital/collateral",
    instruction: "collateralQuery",
    handler: ({ account }) => json(collateralSummary(engine, attach(engine), account))
  },
  {
    method: "GET",
    path: "/wapi/v1/capital/deposits",
    instruction: "depositQueryAll",
    handler: ({ account, query }) => {
      const from = intParam(query, "from", "int64") ?? 0
      const to = intParam(query, "to", "int64") ?? Number.MAX_SAFE_INTEGER
      boolParam(query, "excludePlatform")
      const rows = History.page(account.deposits, {
        newestFirst: true,
        ...pageOf(query),
        keep: (d) => d.createdAt >= from && d.createdAt <= to
      })
      return json(rows.map(Wire.deposit))
    }
  },
  {
    method: "GET",
    path: "/wapi/v1/capital/deposit/address",
    instruction: "depositAddressQuery",
    handler: ({ account, query }) => {
      const chain = enumParam(query, "blockchain", "Blockchain", blockchains, true)!
      return json({ address: depositAddress(account, chain) })
    }
  },
  {
    method: "GET",
    path: "/wapi/v1/capital/withdrawals",
    instruction: "withdrawalQueryAll",
    handler: ({ account, query }) => {
      const id = intParam(query, "id", "int32")
      const clientId = query.get("clientId")
      const from = intParam(query, "from", "int64") ?? 0
      const to = intParam(query, "to", "int64") ?? Number.MAX_SAFE_INTEGER
      const rows = History.page(account.withdrawals, {
        newestFirst: true,
        ...pageOf(query),
        keep: (w) =>
          (id === undefined || w.id === id) && (clientId === null || w.clientId === clientId) &&
          w.createdAt >= from && w.createdAt <= to
      })
      return json(rows.map(Wire.withdrawal))
    }
  },
  {
    method: "POST",
    path: "/wapi/v1/capital/withdrawals",
    instruction: "withdraw",
    handler: ({ account, body }) => {
      const record = Accounts.withdraw(engine, account, bodyObject(body, "AccountWithdrawalPayload"))
      const view = Wire.withdrawal(record)
      const releaseAt = attach(engine).capital.hold(account, record)
      if (releaseAt === null) record.status = "confirmed"
      else view.triggerAt = naiveMs(releaseAt)
      return json(view)
    }
  }
]
