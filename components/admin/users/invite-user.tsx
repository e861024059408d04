"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { inviteUserAction } from "@/lib/actions/users";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

const FIELDS = ["email", "name", "roleId", "projectIds"] as const;

/**
 * "Invite user": a dialog with Email, Name, Role, the Projects the invitee
 * joins and "Send invite"; messages sit under their fields and the input is kept.
 */
export function InviteUser({ roles, defaultRoleId, projects }: { roles: { id: string; name: string }[]; defaultRoleId: string; projects: { id: string; key: string; name: string }[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const [draft, setDraft] = useState<{ email: string; name: string; roleId: string; projectIds: string[] }>({ email: "", name: "", roleId: defaultRoleId, projectIds: [] });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const uid = useId();
  const id = (f: string) => `${uid}-${f}`;

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
      const res = await inviteUserAction(draft);
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        if (!FIELDS.some((f) => fieldErrors[f]?.length)) setMessage(res.message);
        return;
      }
      setSent(`An invite was sent to ${res.data.email}. The link works for 7 days.`);
      setDraft({ email: "", name: "", roleId: draft.roleId, projectIds: [] });
      setOpen(false);
      router.refresh();
    });
  }

  const describedBy = (f: string) => (errors[f]?.length ? `${id(f)}-error` : undefined);
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        {sent ? (
          <p role="status" className="text-sm text-emerald-700">
            {sent}
          </p>
        ) : null}
        <Button
          type="button"
          onClick={() => {
            setSent(null);
            setOpen(true);
          }}
        >
          Invite user
        </Button>
      </div>
      <dialog ref={ref} onClose={close} aria-labelledby={id("title")} className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={submit} noValidate className="space-y-4 p-6">
          <div>
            <h2 id={id("title")} className="text-base font-semibold">
              Invite user
            </h2>
            <p className="mt-1 text-sm text-slate-600">They get an e-mail with a link to choose their password. The link works once, for 7 days.</p>
          </div>
          <Field id={id("email")} label="Email" error={errors.email}>
            <input
              id={id("email")}
              type="email"
              autoComplete="off"
              value={draft.email}
              onChange={(e) => setDraft({ ...draft, email: e.target.value })}
              maxLength={254}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={describedBy("email")}
              className={inputClass}
            />
          </Field>
          <Field id={id("name")} label="Name" error={errors.name}>
            <input
              id={id("name")}
              autoComplete="off"
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              maxLength={100}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={describedBy("name")}
              className={inputClass}
            />
          </Field>
          <Field id={id("roleId")} label="Role" error={errors.roleId}>
            <select
              id={id("roleId")}
              value={draft.roleId}
              onChange={(e) => setDraft({ ...draft, roleId: e.target.value })}
              aria-invalid={errors.roleId ? true : undefined}
              aria-describedby={describedBy("roleId")}
              className={inputClass}
            >
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </Field>
          <fieldset aria-describedby={errors.projectIds?.length ? `${id("projects")}-error` : `${id("projects")}-hint`}>
            <legend className="text-sm font-medium text-slate-800">Projects</legend>
            {projects.length ? (
              <div className="mt-1.5 max-h-40 space-y-1.5 overflow-y-auto rounded-md p-2 ring-1 ring-slate-200 ring-inset">
                {projects.map((p) => (
                  <label key={p.id} className="flex items-center gap-2 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      checked={draft.projectIds.includes(p.id)}
                      onChange={(e) =>
                        setDraft({ ...draft, projectIds: e.target.checked ? [...draft.projectIds, p.id] : draft.projectIds.filter((x) => x !== p.id) })
                      }
                      className="size-4 rounded border-slate-300"
                    />
                    <span className="font-mono text-xs font-semibold">{p.key}</span> {p.name}
                  </label>
                ))}
              </div>
            ) : null}
            {errors.projectIds?.length ? (
              <p id={`${id("projects")}-error`} className="mt-1 text-sm text-red-600">
                {errors.projectIds.join(" ")}
              </p>
            ) : (
              <p id={`${id("projects")}-hint`} className="mt-1 text-xs text-slate-500">
                {projects.length ? "They can see and open tickets in these projects. You can change them later from their row." : "The organization has no active project yet."}
              </p>
            )}
          </fieldset>
          <Notice message={message} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Sending…" : "Send invite"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
