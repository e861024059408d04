"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveRolePermissionsAction } from "@/lib/actions/roles";
import type { Permission } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export interface MatrixRoleRow {
  id: string;
  name: string;
  permissions: Permission[];
  updatedAt: string;
  users: number;
}

export interface MatrixGroup {
  label: string;
  permissions: { name: Permission; description: string }[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p) => b.includes(p));
const usersLabel = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "user" : "users"}`;

/**
 * One checkbox per role × permission. Ticks are kept as the user's draft per
 * role on top of what the server sent: a conflicting save reloads the
 * server's side (versions and permissions) and keeps the draft, so the user
 * sees the other change and decides.
 */
export function RolesMatrix({ roles, groups }: { roles: MatrixRoleRow[]; groups: MatrixGroup[] }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Record<string, Permission[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const ticks = (role: MatrixRoleRow) => draft[role.id] ?? role.permissions;
  const changed = roles.filter((r) => draft[r.id] && !sameSet(draft[r.id], r.permissions));

  function toggle(role: MatrixRoleRow, p: Permission, on: boolean) {
    setSaved(null);
    const current = ticks(role);
    setDraft({ ...draft, [role.id]: on ? [...current.filter((x) => x !== p), p] : current.filter((x) => x !== p) });
  }

  function save() {
    setError(null);
    setSaved(null);
    startTransition(async () => {
      const res = await saveRolePermissionsAction({ roles: changed.map((r) => ({ id: r.id, updatedAt: r.updatedAt, permissions: draft[r.id] })) });
      if (!res.ok) {
        setError(res.message);
        // A conflict: load the other change; the draft (the user's ticks) stays.
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      setDraft({});
      setSaved(res.data.changed.length ? `Saved. ${res.data.changed.length === 1 ? "1 role" : `${res.data.changed.length} roles`} changed; it applies from each user's next page.` : "Nothing to save.");
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      <div role="region" aria-label="Permission matrix" tabIndex={0} className="relative max-w-full overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600">
        <table className="min-w-full border-separate border-spacing-0 text-sm">
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 z-10 w-44 min-w-44 border-b border-r border-slate-200 bg-slate-50 px-3 py-2 text-left font-semibold text-slate-700 sm:w-80 sm:min-w-80">
                Permission
              </th>
              {roles.map((r) => (
                <th key={r.id} scope="col" className="min-w-24 border-b border-slate-200 bg-slate-50 px-3 py-2 text-center align-bottom">
                  <span className="block font-semibold text-slate-800">{r.name}</span>
                  <span className="block text-xs font-normal text-slate-500">{usersLabel(r.users)}</span>
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.label}>
              <tr>
                <th scope="colgroup" colSpan={roles.length + 1} className="border-b border-slate-200 bg-slate-100/70 px-0 py-1.5 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  <span className="sticky left-0 inline-block px-3">{g.label}</span>
                </th>
              </tr>
              {g.permissions.map((p) => (
                <tr key={p.name} className="group">
                  <th scope="row" className="sticky left-0 z-10 w-44 min-w-44 border-b border-r border-slate-200 bg-white px-3 py-2 text-left align-top font-normal group-hover:bg-slate-50 sm:w-80 sm:min-w-80">
                    <code className="block text-xs font-semibold break-all text-slate-800">{p.name}</code>
                    <span className="mt-0.5 block text-xs text-slate-500">{p.description}</span>
                  </th>
                  {roles.map((r) => {
                    const on = ticks(r).includes(p.name);
                    const dirty = on !== r.permissions.includes(p.name);
                    return (
                      <td key={r.id} className={`border-b border-slate-200 px-3 py-2 text-center max-md:p-0 ${dirty ? "bg-amber-50" : "group-hover:bg-slate-50"}`}>
                        {/* The label is the phone's 44 px target around the 16 px box. */}
                        <label className="mx-auto grid place-items-center max-md:h-11 max-md:w-11">
                          <input
                            type="checkbox"
                            aria-label={`${r.name}: ${p.name}`}
                            checked={on}
                            onChange={(e) => toggle(r, p.name, e.target.checked)}
                            disabled={pending}
                            className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
                          />
                        </label>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <Notice message={error} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={save} disabled={pending || changed.length === 0}>
          {pending ? "Saving…" : "Save permissions"}
        </Button>
        <p role="status" className="text-sm text-slate-600">
          {saved ?? (changed.length ? `Unsaved changes in ${changed.map((r) => r.name).join(", ")} (highlighted).` : "")}
        </p>
        {changed.length ? (
          <button type="button" onClick={() => setDraft({})} disabled={pending} className="text-sm text-brand-700 hover:underline">
            Discard changes
          </button>
        ) : null}
      </div>
    </div>
  );
}
