import { z } from "zod";
import { text } from "./text";

/** Every secret starts so: recognisable in a leaked log or a secret scanner's rules. */
export const TOKEN_PREFIX = "hd_pat_";
/** hd_pat_ + 32 random bytes in base64url. */
export const TOKEN_PATTERN = /^hd_pat_[A-Za-z0-9_-]{43}$/;

export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = { read: "Read only", write: "Read and write" };

/** "Expires" on /settings/tokens: a lifetime in days, or never. */
export const TOKEN_LIFETIMES = ["7", "30", "90", "365", "never"] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES)[number];
export const TOKEN_LIFETIME_LABELS: Record<TokenLifetime, string> = { "7": "In 7 days", "30": "In 30 days", "90": "In 90 days", "365": "In a year", never: "Never" };
export const DEFAULT_TOKEN_LIFETIME: TokenLifetime = "30";

export const TOKEN_NAME_MAX = 100;
/** Tokens a user may hold at once (not revoked, not expired): their list stays one short page. */
export const MAX_ACTIVE_TOKENS = 20;

export const createTokenSchema = z
  .object({
    name: text().trim().min(1, "Name the token").max(TOKEN_NAME_MAX, `A token name must be at most ${TOKEN_NAME_MAX} characters`),
    expires: z.enum(TOKEN_LIFETIMES, { error: "Choose when the token expires" }),
    scope: z.enum(TOKEN_SCOPES, { error: "Choose Read only or Read and write" }),
  })
  .strict();
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const revokeTokenSchema = z.object({ tokenId: z.uuid({ error: "Token not found" }) }).strict();
export type RevokeTokenInput = z.input<typeof revokeTokenSchema>;

/** What a token list says of each token: usable, past its end, or revoked (revoked wins). */
export const TOKEN_STATUSES = ["active", "expired", "revoked"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];
export const TOKEN_STATUS_LABELS: Record<TokenStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

/** The token's status at `now`, by the rule authentication applies (expired once expiresAt is not after now). */
export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The stored prefix as lists show it: "hd_pat_Ab12Cd…" (the rest of the secret is never kept). */
export const shownPrefix = (prefix: string) => `${prefix}…`;

/**
 * /admin/tokens?before=<id>: the last token id of the page seen. Anything
 * else (malformed, repeated, a NUL) reads as no cursor: the first page.
 */
export const tokensPageSchema = z.object({ before: z.uuid().optional() });
export function readTokensPage(raw: Record<string, string | string[] | undefined>): { before: string | null } {
  const parsed = tokensPageSchema.safeParse({ before: typeof raw.before === "string" ? raw.before : undefined });
  return { before: parsed.success ? (parsed.data.before ?? null) : null };
}
