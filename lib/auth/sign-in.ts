import { z } from "zod";
import { db } from "@/lib/db";
import { audit, type RequestMeta } from "@/lib/audit";
import { verifyPassword } from "@/lib/auth/password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

export const SIGN_IN_FAILED = "Invalid email or password.";

/**
 * Checks credentials and records the attempt in the audit log. Wrong password,
 * unknown e-mail and deactivated account all fail the same way to the caller.
 */
export async function authenticate(raw: unknown, meta: RequestMeta): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = credentialsSchema.safeParse(raw);
  const email = parsed.success ? parsed.data.email : typeof (raw as { email?: unknown })?.email === "string" ? String((raw as { email: string }).email).slice(0, 254) : "";
  const user = parsed.success
    ? await db.user.findUnique({
        where: { email: parsed.data.email },
        select: { id: true, email: true, name: true, active: true, organizationId: true, passwordHash: true },
      })
    : null;
  // The compare always runs (same timing); a user without a password (invited, SSO) never matches.
  const passwordOk = (await verifyPassword(parsed.success ? parsed.data.password : "", user?.passwordHash)) && !!user?.passwordHash;
  const reason = !user ? "unknown_email" : !passwordOk ? "wrong_password" : !user.active ? "deactivated" : null;

  await audit({
    organizationId: user?.organizationId ?? null,
    actorId: user?.id ?? null,
    action: reason ? "auth.sign_in_failed" : "auth.sign_in",
    entityType: "user",
    entityId: user?.id,
    data: reason ? { email, reason } : { email },
    ...meta,
  });
  if (reason || !user) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}
