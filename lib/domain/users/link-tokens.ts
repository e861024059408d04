import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { TOKEN_PATTERN, type LinkPurpose } from "@/lib/validation/users";

// One-time links sent by e-mail (invite, password reset, e-mail confirmation). The token is 32
// random bytes (base64url in the link); only its SHA-256 is stored, so the
// table cannot be read back into working links. A link works once, until it
// expires, and not after a newer link of the same purpose replaced it.

export const LINK_TTL_MS: Record<LinkPurpose, number> = {
  invite: 7 * 24 * 3600 * 1000,
  // As short as the big help desks keep theirs: a reset link sits in a mailbox.
  password_reset: 3600 * 1000,
  // Long enough for a weekend; a new one is a click away ("Resend confirmation", or signing up again).
  email_confirmation: 3 * 24 * 3600 * 1000,
};

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Why a link does not work, in words its holder understands. */
export type LinkProblem = "invalid" | "expired" | "used" | "replaced";

export const LINK_PROBLEM_TEXT: Record<LinkProblem, { title: string; text: string }> = {
  invalid: { title: "This link is not valid", text: "The link may be incomplete or mistyped. Copy the whole link from the e-mail, or ask for a new one." },
  expired: { title: "This link has expired", text: "Links in these e-mails work for a limited time. Ask for a new one." },
  used: { title: "This link has already been used", text: "Each link works once. If you used it already, sign in; otherwise ask for a new link." },
  replaced: { title: "This link no longer works", text: "A newer link was sent since, or the account changed. Use the link in the most recent e-mail, or ask for a new one." },
};

export class LinkError extends AppError {
  constructor(readonly problem: LinkProblem) {
    super("VALIDATION", `${LINK_PROBLEM_TEXT[problem].title}. ${LINK_PROBLEM_TEXT[problem].text}`);
  }
}

/**
 * A new link for the user. Earlier unused links of the same purpose stop
 * working (a resent invite replaces the first). Returns the token, which is
 * never stored.
 */
export async function issueLinkToken(
  tx: Tx,
  input: { userId: string; organizationId: string; purpose: LinkPurpose; createdById?: string | null; now?: Date },
): Promise<{ token: string; expiresAt: Date; replaced: number }> {
  const now = input.now ?? new Date();
  const { count: replaced } = await tx.userToken.updateMany({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS[input.purpose]);
  await tx.userToken.create({
    data: {
      organizationId: input.organizationId,
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashLinkToken(token),
      expiresAt,
      createdById: input.createdById ?? null,
    },
  });
  return { token, expiresAt, replaced };
}

/**
 * "Resend invite", "Resend confirmation": a new link in place of the user's
 * unused one of this purpose, with the expiry of the one it replaced (the
 * audit row's old value).
 */
export async function reissueLinkToken(
  tx: Tx,
  input: { userId: string; organizationId: string; purpose: LinkPurpose; createdById?: string | null; now?: Date },
): Promise<{ token: string; expiresAt: Date; replaced: number; previousExpiresAt: Date | null }> {
  const previous = await tx.userToken.findFirst({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { expiresAt: true },
  });
  return { ...(await issueLinkToken(tx, input)), previousExpiresAt: previous?.expiresAt ?? null };
}

/** Withdraws every unused link of the user (deactivation, or a password set by one of them). */
export async function revokeLinkTokens(tx: Tx, userId: string, now = new Date()): Promise<number> {
  const { count } = await tx.userToken.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

type TokenRow = { id: string; userId: string; organizationId: string; purpose: string; expiresAt: Date; usedAt: Date | null; revokedAt: Date | null };

function problemOf(row: TokenRow | null, purpose: LinkPurpose, now: Date): LinkProblem | null {
  if (!row || row.purpose !== purpose) return "invalid";
  if (row.usedAt) return "used";
  if (row.revokedAt) return "replaced";
  if (row.expiresAt <= now) return "expired";
  return null;
}

const TOKEN_SELECT = { id: true, userId: true, organizationId: true, purpose: true, expiresAt: true, usedAt: true, revokedAt: true } as const;

async function findToken(client: Tx, token: string): Promise<TokenRow | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  return client.userToken.findUnique({ where: { tokenHash: hashLinkToken(token) }, select: TOKEN_SELECT });
}

/** For the link's page: whether it works now, and for whom (nothing is changed). */
export async function inspectLinkToken(
  token: string,
  purpose: LinkPurpose,
  now = new Date(),
): Promise<{ ok: true; user: { name: string; email: string } } | { ok: false; problem: LinkProblem }> {
  const row = await findToken(db as unknown as Tx, token);
  const problem = problemOf(row, purpose, now);
  if (problem || !row) return { ok: false, problem: problem ?? "invalid" };
  const user = await db.user.findFirst({ where: { id: row.userId, organizationId: row.organizationId, active: true }, select: { name: true, email: true } });
  if (!user) return { ok: false, problem: "invalid" };
  return { ok: true, user };
}

/**
 * Uses the link up, inside the caller's transaction (compare-and-set on
 * usedAt: of two uses at once, one wins and the other reads "used").
 */
export async function consumeLinkToken(tx: Tx, token: string, purpose: LinkPurpose, now = new Date()): Promise<{ id: string; userId: string; organizationId: string }> {
  const row = await findToken(tx, token);
  const problem = problemOf(row, purpose, now);
  if (problem || !row) throw new LinkError(problem ?? "invalid");
  const { count } = await tx.userToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
  if (count === 0) throw new LinkError("used");
  return { id: row.id, userId: row.userId, organizationId: row.organizationId };
}
