"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { registerOrganizationAction, registerRequesterAction } from "@/lib/actions/registration";
import { PASSWORD_MIN } from "@/lib/validation/account";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

type Mode = { kind: "organization" } | { kind: "requester"; orgSlug: string };

const FIELDS = [
  { name: "organizationName", label: "Organization name", type: "text", autoComplete: "organization", only: "organization" },
  { name: "name", label: "Name", type: "text", autoComplete: "name" },
  { name: "email", label: "Email", type: "email", autoComplete: "email" },
  { name: "password", label: "Password", type: "password", autoComplete: "new-password", hint: `At least ${PASSWORD_MIN} characters.` },
  { name: "confirmPassword", label: "Confirm password", type: "password", autoComplete: "new-password" },
] as const;
type Name = (typeof FIELDS)[number]["name"];

/** "Check your e-mail": what both forms show after sending, whether or not the address already had an account. */
function CheckEmail({ email, kind, signedIn }: { email: string; kind: Mode["kind"]; signedIn: boolean }) {
  return (
    <div role="status" className="space-y-3 text-sm text-slate-700">
      <h2 className="text-base font-semibold text-slate-900">Check your e-mail</h2>
      <p>
        We sent a message to <span className="font-medium break-all text-slate-900">{email}</span>. Open the link in it to confirm your address
        {kind === "organization" ? ": then you can invite your team." : ": then you can sign in."}
      </p>
      <p className="text-slate-500">It may take a minute to arrive. The link works for 3 days.</p>
      {signedIn ? (
        <p>
          <Link href="/admin" className="font-medium text-brand-700 hover:underline">
            Set up your organization
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/**
 * /register ("Create organization") and an organization's portal sign-up
 * /register/[orgSlug] ("Create account"). Messages sit under their fields and
 * the input stays. After sending, both say "check your e-mail"; a new
 * organization's founder is also signed in with the password just chosen,
 * through the same credentials flow as /login.
 */
export function SignUpForm({ mode }: { mode: Mode }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<{ email: string; signedIn: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const fields = FIELDS.filter((f) => !("only" in f) || f.only === mode.kind);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // Read from the form, not from state: what was typed before the page hydrated counts too.
    const form = new FormData(e.currentTarget);
    const value = (n: Name) => String(form.get(n) ?? "");
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const account = { name: value("name"), email: value("email"), password: value("password"), confirmPassword: value("confirmPassword") };
      const res =
        mode.kind === "organization"
          ? await registerOrganizationAction({ organizationName: value("organizationName"), ...account })
          : await registerRequesterAction({ orgSlug: mode.orgSlug, ...account });
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        if (!fields.some((f) => fieldErrors[f.name]?.length)) setMessage(res.message);
        return;
      }
      // No refresh after signing in: /register sends a signed-in visitor away, and this answer must stay on screen.
      let signedIn = false;
      if (mode.kind === "organization") {
        const r = await signIn("credentials", { email: res.data.email, password: account.password, redirect: false });
        signedIn = !!r && !r.error;
      }
      setDone({ email: res.data.email, signedIn });
    });
  }

  if (done) return <CheckEmail email={done.email} kind={mode.kind} signedIn={done.signedIn} />;
  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <Notice message={message} />
      {fields.map((f) => (
        <Field key={f.name} id={`signup-${f.name}`} label={f.label} error={errors[f.name]} hint={"hint" in f ? f.hint : undefined}>
          <input
            id={`signup-${f.name}`}
            name={f.name}
            type={f.type}
            autoComplete={f.autoComplete}
            required
            maxLength={f.name === "email" ? 254 : f.type === "password" ? 200 : 100}
            aria-invalid={errors[f.name]?.length ? true : undefined}
            aria-describedby={errors[f.name]?.length ? `signup-${f.name}-error` : undefined}
            className={inputClass}
          />
        </Field>
      ))}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating…" : mode.kind === "organization" ? "Create organization" : "Create account"}
      </Button>
    </form>
  );
}

/** Beneath both sign-up forms. */
export function SignInInstead() {
  return (
    <p className="mt-6 text-center text-sm text-slate-600">
      Already have an account?{" "}
      <Link href="/login" className="font-medium text-brand-700 hover:underline">
        Sign in
      </Link>
    </p>
  );
}
