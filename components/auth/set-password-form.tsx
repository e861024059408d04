"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { setPasswordWithLinkAction } from "@/lib/actions/password-links";
import { PASSWORD_MIN } from "@/lib/validation/account";
import type { PasswordLinkPurpose } from "@/lib/validation/users";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

const FIELDS = [
  { name: "password", label: "Password", hint: `At least ${PASSWORD_MIN} characters.` },
  { name: "confirmPassword", label: "Confirm password" },
] as const;
type Name = (typeof FIELDS)[number]["name"];

/**
 * The password of an invite or reset link ("Set password"). Once it is set,
 * the browser signs in with it through the same credentials flow as /login
 * and lands on the user's start page.
 */
export function SetPasswordForm({ token, purpose }: { token: string; purpose: PasswordLinkPurpose }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [signInFailed, setSignInFailed] = useState(false);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // Read from the form, not from state: what was typed before the page hydrated counts too.
    const form = new FormData(e.currentTarget);
    const values = { password: String(form.get("password") ?? ""), confirmPassword: String(form.get("confirmPassword") ?? "") } satisfies Record<Name, string>;
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await setPasswordWithLinkAction({ token, purpose, ...values });
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        if (!FIELDS.some((f) => fieldErrors[f.name]?.length)) setMessage(res.message);
        return;
      }
      const signedIn = await signIn("credentials", { email: res.data.email, password: values.password, redirect: false });
      if (!signedIn || signedIn.error) {
        setSignInFailed(true);
        return;
      }
      router.replace("/");
      router.refresh();
    });
  }

  if (signInFailed) {
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
        <p>Your password is set.</p>
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Sign in with it
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <Notice message={message} />
      {FIELDS.map((f) => (
        <Field key={f.name} id={`link-${f.name}`} label={f.label} error={errors[f.name]} hint={"hint" in f ? f.hint : undefined}>
          <input
            id={`link-${f.name}`}
            name={f.name}
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={errors[f.name]?.length ? true : undefined}
            aria-describedby={errors[f.name]?.length ? `link-${f.name}-error` : undefined}
            className={inputClass}
          />
        </Field>
      ))}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Setting password…" : "Set password"}
      </Button>
    </form>
  );
}
