"use client";

import { useState, useTransition } from "react";
import { requestPasswordResetAction } from "@/lib/actions/password-links";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

/** "Forgot password?": the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // Read from the form, not from state: what was typed before the page hydrated counts too.
    const email = String(new FormData(e.currentTarget).get("email") ?? "");
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await requestPasswordResetAction({ email });
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        if (!res.fieldErrors?.email?.length) setMessage(res.message);
        return;
      }
      setDone(res.data.message);
    });
  }

  if (done) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-600/20 ring-inset">
        {done}
      </p>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <Notice message={message} />
      <Field id="forgot-email" label="Email" error={errors.email}>
        <input
          id="forgot-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          aria-invalid={errors.email?.length ? true : undefined}
          aria-describedby={errors.email?.length ? "forgot-email-error" : undefined}
          className={inputClass}
        />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
