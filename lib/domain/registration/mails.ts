import "server-only";
import type { Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";

/**
 * What someone signing up with an address that already has an account is
 * sent instead of a confirmation (the page says the same "check your e-mail"
 * either way): where to sign in and how to get back in.
 */
export function accountExistsMail(m: { to: string; name: string; organizationName: string }, base = appUrl()): { subject: string; text: string } {
  const root = base.replace(/\/+$/, "");
  return {
    subject: "You already have a help desk account",
    text: [
      `Hello ${m.name},`,
      "",
      `Someone, perhaps you, tried to sign up with this address (${m.to}). It already has an account on ${m.organizationName}'s help desk, so nothing new was created.`,
      "",
      `Sign in here: ${root}/login`,
      `Forgot your password? Choose a new one here: ${root}/forgot-password`,
      "",
      "If this was not you, ignore this e-mail: nothing was changed.",
    ].join("\n"),
  };
}

export async function queueAccountExistsMail(tx: Tx, organizationId: string, m: { to: string; name: string; organizationName: string }): Promise<void> {
  await tx.outboxMessage.create({ data: { organizationId, to: m.to, ...accountExistsMail(m) } });
}
