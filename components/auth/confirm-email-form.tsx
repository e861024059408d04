"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { confirmEmailAction } from "@/lib/actions/registration";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

const linkClass = "font-medium text-brand-700 hover:underline";

/**
 * The button of /confirm/[token]. Opening the link changes nothing (mail
 * scanners open links too); "Confirm e-mail address" uses it up.
 */
export function ConfirmEmailForm({ token }: { token: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<{ founder: boolean } | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    setMessage(null);
    startTransition(async () => {
      const res = await confirmEmailAction({ token });
      if (!res.ok) return setMessage(res.message);
      setDone({ founder: res.data.founder });
    });
  }

  if (done) {
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
        <p className="font-medium text-slate-900">Your e-mail address is confirmed.</p>
        {done.founder ? (
          <>
            <p>You can now invite your team.</p>
            <Link href="/admin/users" className={linkClass}>
              Go to Users
            </Link>
          </>
        ) : (
          <>
            <p>You can sign in now.</p>
            <Link href="/login" className={linkClass}>
              Sign in
            </Link>
          </>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <Notice message={message} />
      <Button type="button" onClick={confirm} disabled={pending} className="w-full">
        {pending ? "Confirming…" : "Confirm e-mail address"}
      </Button>
    </div>
  );
}
