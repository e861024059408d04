import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

// How an outbox message leaves: over SMTP when SMTP_URL is set, otherwise as an
// RFC 5322 .eml file under DATA_DIR/mail (built by nodemailer's stream
// transport, so the file is the very message SMTP would have carried).

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

export interface Mailer {
  /** "smtp" or "file" (for logs and tests). */
  kind: "smtp" | "file";
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string;
  from?: string;
  dataDir?: string;
  /** SMTP socket timeouts (ms): a silent server must not stall the worker. */
  timeoutMs?: number;
}

function compose(from: string, mail: OutgoingMail) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    // Stable across retries: a receiving server can drop a duplicate.
    messageId: `<${mail.id}@helpdesk.outbox>`,
    headers: { "Auto-Submitted": "auto-generated" },
  };
}

export function createMailer(opts: MailerOptions = {}): Mailer {
  const e = env();
  const from = opts.from ?? e.SMTP_FROM;
  const smtpUrl = opts.smtpUrl ?? e.SMTP_URL;
  if (smtpUrl) {
    const timeout = opts.timeoutMs ?? 30_000;
    const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
    return {
      kind: "smtp",
      async send(mail) {
        await transport.sendMail(compose(from, mail));
      },
      close: () => transport.close(),
    };
  }
  const dir = path.resolve(opts.dataDir ?? e.DATA_DIR, "mail");
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    kind: "file",
    async send(mail) {
      const info = await transport.sendMail(compose(from, mail));
      await mkdir(dir, { recursive: true });
      // The id is a UUID (v7: time-ordered), so file names sort by creation and never collide.
      await writeFile(path.join(dir, `${mail.id}.eml`), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}
