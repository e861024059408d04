"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createRoleAction, deleteRoleAction, renameRoleAction } from "@/lib/actions/roles";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { MatrixRoleRow } from "./roles-matrix";

/** "New role": a name (unique ignoring case) and what it starts with; the input stays on an error. */
export function NewRoleForm({ roles }: { roles: Pick<MatrixRoleRow, "id" | "name">[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [copyFromId, setCopyFromId] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await createRoleAction({ name, copyFromId });
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        setErrors(fe);
        if (!fe.name && !fe.copyFromId) setMessage(res.message);
        return;
      }
      setDone(`Role “${name.trim()}” created.`);
      setName("");
      setCopyFromId("");
      setOpen(false);
      router.refresh();
    });
  }

  if (!open) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={() => { setOpen(true); setDone(null); }}>
          New role
        </Button>
        <p role="status" className="text-sm text-slate-600">{done}</p>
      </div>
    );
  }
  const described = (f: string) => (errors[f]?.length ? `new-role-${f}-error` : undefined);
  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
      <h3 className="text-sm font-semibold text-slate-900">New role</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="new-role-name" label="Role name" error={errors.name} hint="Unique in your organization, ignoring case.">
          <input id="new-role-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={50} autoFocus aria-invalid={errors.name ? true : undefined} aria-describedby={described("name")} className={inputClass} />
        </Field>
        <Field id="new-role-copyFromId" label="Start with" error={errors.copyFromId}>
          <select id="new-role-copyFromId" value={copyFromId} onChange={(e) => setCopyFromId(e.target.value)} aria-invalid={errors.copyFromId ? true : undefined} aria-describedby={described("copyFromId")} className={inputClass}>
            <option value="">No permissions</option>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                A copy of {r.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Notice message={message} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create role"}</Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={pending}>Cancel</Button>
      </div>
    </form>
  );
}

function RoleRow({ role }: { role: MatrixRoleRow }) {
  const router = useRouter();
  const [mode, setMode] = useState<"view" | "rename" | "delete">("view");
  const [name, setName] = useState(role.name);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldId = `role-${role.id}-name`;

  function rename(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await renameRoleAction({ id: role.id, name, updatedAt: role.updatedAt });
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        if (!res.fieldErrors?.name) setMessage(res.message);
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      setMode("view");
      router.refresh();
    });
  }

  function remove() {
    setMessage(null);
    startTransition(async () => {
      const res = await deleteRoleAction({ id: role.id });
      if (!res.ok) {
        setMessage(res.message);
        setMode("view");
      }
      router.refresh();
    });
  }

  const held = role.users > 0;
  return (
    <li className="py-3 first:pt-0 last:pb-0">
      {mode === "rename" ? (
        <form onSubmit={rename} noValidate className="flex flex-wrap items-end gap-2">
          <div className="min-w-48 flex-1">
            <Field id={fieldId} label={`New name for ${role.name}`} error={errors.name}>
              <input id={fieldId} value={name} onChange={(e) => setName(e.target.value)} maxLength={50} autoFocus aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? `${fieldId}-error` : undefined} className={inputClass} />
            </Field>
          </div>
          <div className="flex gap-2 pb-px">
            <Button type="submit" disabled={pending}>Save name</Button>
            <Button type="button" variant="secondary" onClick={() => { setMode("view"); setName(role.name); setErrors({}); }} disabled={pending}>Cancel</Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0">
            <p className="text-sm font-medium text-slate-900">{role.name}</p>
            <p className="text-xs text-slate-500">
              {role.users === 1 ? "1 user" : `${role.users.toLocaleString("en")} users`} · {role.permissions.length} of the permissions
            </p>
          </div>
          <div className="flex shrink-0 flex-wrap items-center gap-2">
            {mode === "delete" ? (
              <>
                <Button variant="danger" onClick={remove} disabled={pending} aria-label={`Confirm delete ${role.name}`}>Confirm delete</Button>
                <Button variant="secondary" onClick={() => setMode("view")} disabled={pending}>Keep</Button>
              </>
            ) : (
              <>
                <Button variant="secondary" onClick={() => setMode("rename")} aria-label={`Rename ${role.name}`}>Rename</Button>
                <Button
                  variant="secondary"
                  onClick={() => setMode("delete")}
                  disabled={held}
                  aria-label={`Delete ${role.name}`}
                  title={held ? "Users hold this role: give them another role first" : undefined}
                >
                  Delete
                </Button>
              </>
            )}
          </div>
        </div>
      )}
      {message ? <div className="mt-2"><Notice message={message} /></div> : null}
    </li>
  );
}

/** The roles with their holders, rename and delete (only a role nobody holds). */
export function RoleList({ roles }: { roles: MatrixRoleRow[] }) {
  return (
    <ul className="divide-y divide-slate-100">
      {roles.map((r) => (
        <RoleRow key={r.id} role={r} />
      ))}
    </ul>
  );
}
