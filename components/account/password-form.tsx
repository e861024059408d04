"use client";

import { useState, useTransition } from "react";
import { changePasswordAction } from "@/lib/actions/account";
import { PASSWORD_MIN } from "@/lib/validation/account";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password", hint: `At least ${PASSWORD_MIN} characters.` },
  { name: "confirmPassword", label: "Confirm new password", autoComplete: "new-password" },
] as const;
type Name = (typeof FIELDS)[number]["name"];

/** Messages sit under their fields; what was typed stays until the change succeeds. */
export function PasswordForm() {
  const [values, setValues] = useState<Record<Name, string>>({ currentPassword: "", newPassword: "", confirmPassword: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await changePasswordAction(values);
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        if (!FIELDS.some((f) => fieldErrors[f.name]?.length)) setMessage({ tone: "error", text: res.message });
        return;
      }
      setValues({ currentPassword: "", newPassword: "", confirmPassword: "" });
      const others = res.data.sessionsEnded;
      setMessage({
        tone: "success",
        text: `Your password has been changed.${others ? ` ${others === 1 ? "One other browser was" : `${others} other browsers were`} signed out.` : ""}`,
      });
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      {message ? (
        <div
          role={message.tone === "error" ? "alert" : "status"}
          className={
            message.tone === "error"
              ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-600/20"
              : "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-600/20"
          }
        >
          {message.text}
        </div>
      ) : null}
      {FIELDS.map((f) => (
        <Field key={f.name} id={`pw-${f.name}`} label={f.label} error={errors[f.name]} hint={"hint" in f ? f.hint : undefined}>
          <input
            id={`pw-${f.name}`}
            name={f.name}
            type="password"
            autoComplete={f.autoComplete}
            required
            value={values[f.name]}
            onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            aria-invalid={errors[f.name]?.length ? true : undefined}
            aria-describedby={errors[f.name]?.length ? `pw-${f.name}-error` : undefined}
            className={inputClass}
          />
        </Field>
      ))}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
