import "server-only";
import type { Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import type { LinkPurpose } from "@/lib/validation/users";

// The e-mails that carry a one-time link (invite, reset, confirmation), queued in the outbox inside the
// transaction that issued the link (lib/mail drains it: SMTP, or an .eml file
// under DATA_DIR/mail without SMTP).

export const LINK_PATHS: Record<LinkPurpose, string> = { invite: "/invite", password_reset: "/reset", email_confirmation: "/confirm" };

export function linkUrl(purpose: LinkPurpose, token: string, base = appUrl()): string {
  return `${base.replace(/\/+$/, "")}${LINK_PATHS[purpose]}/${token}`;
}

const utcText = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export interface LinkMailInput {
  purpose: LinkPurpose;
  to: string;
  name: string;
  organizationName: string;
  /** The admin who invited (invites only). */
  inviterName?: string | null;
  /** A confirmation for the admin who registered the organization (else for someone who signed up on its portal). */
  founder?: boolean;
  url: string;
  expiresAt: Date;
}

export function linkMail(m: LinkMailInput): { subject: string; text: string } {
  if (m.purpose === "email_confirmation") {
    return {
      subject: "Confirm your e-mail address",
      text: [
        `Hello ${m.name},`,
        "",
        m.founder
          ? `You registered ${m.organizationName} on the help desk with this address (${m.to}).`
          : `You signed up for ${m.organizationName}'s help desk with this address (${m.to}).`,
        m.founder ? "Confirm that it is yours, and you can invite your team:" : "Confirm that it is yours, and you can sign in:",
        "",
        m.url,
        "",
        `The link works once, until ${utcText(m.expiresAt)}.`,
        "If you did not sign up, ignore this e-mail.",
      ].join("\n"),
    };
  }
  if (m.purpose === "invite") {
    return {
      subject: `You are invited to ${m.organizationName}'s help desk`,
      text: [
        `Hello ${m.name},`,
        "",
        `${m.inviterName ?? "An administrator"} invited you to ${m.organizationName}'s help desk.`,
        "Choose your password here to sign in:",
        "",
        m.url,
        "",
        `The link works once, until ${utcText(m.expiresAt)}.`,
        "If you did not expect this invitation, ignore this e-mail.",
      ].join("\n"),
    };
  }
  return {
    subject: "Reset your help desk password",
    text: [
      `Hello ${m.name},`,
      "",
      `Someone asked to reset the password of your ${m.organizationName} help desk account (${m.to}).`,
      "Choose a new password here:",
      "",
      m.url,
      "",
      `The link works once, until ${utcText(m.expiresAt)}. Setting a new password signs you out everywhere else.`,
      "If you did not ask for this, ignore this e-mail: your password stays as it is.",
    ].join("\n"),
  };
}

export async function queueLinkMail(tx: Tx, organizationId: string, m: LinkMailInput): Promise<string> {
  const { subject, text } = linkMail(m);
  const row = await tx.outboxMessage.create({ data: { organizationId, to: m.to, subject, text }, select: { id: true } });
  return row.id;
}
