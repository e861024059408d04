"use client";

import { useState, useTransition } from "react";
import { resendConfirmationAction } from "@/lib/actions/registration";
import { Button } from "@/components/ui/button";

/**
 * Above the users of a registered organization whose founder has not
 * confirmed their address yet: why "Invite user" is refused, and
 * "Resend confirmation" (a new link to the founder; the earlier one stops working).
 */
export function ConfirmationNotice({ text }: { text: string }) {
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const resend = () =>
    startTransition(async () => {
      const res = await resendConfirmationAction({});
      setOutcome(res.ok ? { tone: "success", text: `A new confirmation link was sent to ${res.data.email}. The earlier link no longer works.` } : { tone: "error", text: res.message });
    });
  return (
    <section aria-labelledby="confirm-first" className="mb-4 rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset">
      <h2 id="confirm-first" className="font-semibold">
        Invitations are on hold
      </h2>
      <p className="mt-1">{text}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={resend} disabled={pending}>
          {pending ? "Sending…" : "Resend confirmation"}
        </Button>
        {outcome ? (
          <p role={outcome.tone === "error" ? "alert" : "status"} className={outcome.tone === "error" ? "text-red-700" : "text-emerald-800"}>
            {outcome.text}
          </p>
        ) : null}
      </div>
    </section>
  );
}
