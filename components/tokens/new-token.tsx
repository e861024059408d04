"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createApiTokenAction } from "@/lib/actions/api-tokens";
import {
  DEFAULT_TOKEN_LIFETIME,
  TOKEN_LIFETIME_LABELS,
  TOKEN_LIFETIMES,
  TOKEN_NAME_MAX,
  TOKEN_SCOPE_LABELS,
  TOKEN_SCOPES,
  type TokenLifetime,
  type TokenScope,
} from "@/lib/validation/api-tokens";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

const FIELDS = ["name", "expires", "scope"] as const;
type Draft = { name: string; expires: TokenLifetime; scope: TokenScope };
const EMPTY: Draft = { name: "", expires: DEFAULT_TOKEN_LIFETIME, scope: "read" };

/**
 * "New token": a dialog with "Token name", "Expires", "Scope" and "Create
 * token" (messages under their fields, the input kept on a refusal). The
 * secret comes back once and is shown on the page in "Your new token" until
 * the user is done with it; it is never sent again.
 */
export function NewToken() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const secretRef = useRef<HTMLInputElement>(null);
  const uid = useId();
  const id = (f: string) => `${uid}-${f}`;

  // The secret is what the user came for: focus lands on it, selected, ready to copy.
  useEffect(() => {
    if (created) secretRef.current?.select();
  }, [created]);

  function close() {
    setOpen(false);
    setErrors({});
    setMessage(null);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await createApiTokenAction(draft);
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        if (!FIELDS.some((f) => fieldErrors[f]?.length)) setMessage(res.message);
        return;
      }
      setCreated({ name: draft.name.trim(), secret: res.data.secret });
      setCopied(null);
      setDraft(EMPTY);
      close();
      router.refresh();
    });
  }

  async function copy() {
    const secret = created?.secret ?? "";
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("Copied to the clipboard.");
    } catch {
      // No clipboard (an http page, a refused permission): the text is selected for Ctrl+C.
      secretRef.current?.select();
      setCopied("Press Ctrl+C (⌘+C) to copy the selected token.");
    }
  }

  const describedBy = (f: string) => (errors[f]?.length ? `${id(f)}-error` : undefined);
  return (
    <div className="space-y-4">
      <Button
        type="button"
        onClick={() => {
          setCreated(null);
          setOpen(true);
        }}
      >
        New token
      </Button>

      {created ? (
        <section aria-labelledby={id("created")} className="space-y-3 rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-600/20 ring-inset">
          <div>
            <h2 id={id("created")} className="text-sm font-semibold break-words text-emerald-900">
              Token “{created.name}” created
            </h2>
            <p className="mt-1 text-sm text-emerald-800">Copy it now and keep it somewhere safe: it will not be shown again. Only a fingerprint of it is kept here, which cannot be turned back into the token.</p>
          </div>
          <div>
            <label htmlFor={id("secret")} className="block text-sm font-medium text-slate-800">
              Your new token
            </label>
            <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
              <input
                ref={secretRef}
                id={id("secret")}
                readOnly
                value={created.secret}
                spellCheck={false}
                autoComplete="off"
                onFocus={(e) => e.target.select()}
                className={`${inputClass} font-mono`}
              />
              <Button type="button" variant="secondary" onClick={copy}>
                Copy
              </Button>
            </div>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" variant="secondary" onClick={() => setCreated(null)}>
              Done
            </Button>
            <p role="status" className="text-sm text-emerald-800">
              {copied ?? ""}
            </p>
          </div>
        </section>
      ) : null}

      <dialog ref={ref} onClose={close} aria-labelledby={id("title")} className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-md overflow-y-auto rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={submit} noValidate className="space-y-4 p-6">
          <div>
            <h2 id={id("title")} className="text-base font-semibold">
              New token
            </h2>
            <p className="mt-1 text-sm text-slate-600">Name it after where it will be used, so you know which one to revoke later.</p>
          </div>
          <Field id={id("name")} label="Token name" error={errors.name} hint="For example “Nightly export” or “Monitoring”.">
            <input
              id={id("name")}
              autoComplete="off"
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              maxLength={TOKEN_NAME_MAX}
              aria-invalid={errors.name?.length ? true : undefined}
              aria-describedby={describedBy("name")}
              className={inputClass}
            />
          </Field>
          <Field id={id("expires")} label="Expires" error={errors.expires}>
            <select
              id={id("expires")}
              value={draft.expires}
              onChange={(e) => setDraft({ ...draft, expires: e.target.value as TokenLifetime })}
              aria-invalid={errors.expires?.length ? true : undefined}
              aria-describedby={describedBy("expires")}
              className={inputClass}
            >
              {TOKEN_LIFETIMES.map((l) => (
                <option key={l} value={l}>
                  {TOKEN_LIFETIME_LABELS[l]}
                </option>
              ))}
            </select>
          </Field>
          <fieldset aria-describedby={errors.scope?.length ? `${id("scope")}-error` : `${id("scope")}-hint`}>
            <legend className="text-sm font-medium text-slate-800">Scope</legend>
            <div className="mt-1.5 space-y-1">
              {TOKEN_SCOPES.map((s) => (
                <label key={s} className="flex cursor-pointer items-center gap-2 text-sm text-slate-700 max-md:min-h-11">
                  <input type="radio" name={id("scope")} value={s} checked={draft.scope === s} onChange={() => setDraft({ ...draft, scope: s })} className="size-4 accent-brand-600" />
                  {TOKEN_SCOPE_LABELS[s]}
                </label>
              ))}
            </div>
            {errors.scope?.length ? (
              <p id={`${id("scope")}-error`} className="mt-1 text-sm text-red-600">
                {errors.scope.join(" ")}
              </p>
            ) : (
              <p id={`${id("scope")}-hint`} className="mt-1 text-xs text-slate-500">
                A read-only token can look but refuses every change. Either way it can do no more than you can.
              </p>
            )}
          </fieldset>
          <Notice message={message} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create token"}
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
