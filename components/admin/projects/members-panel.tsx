"use client";

import { useOptimistic, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addProjectMemberAction, removeProjectMemberAction, setMemberTriageAction } from "@/lib/actions/projects";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SearchCombobox, type Person } from "@/components/ui/search-combobox";

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  roleName: string;
  active: boolean;
  triage: boolean;
}

const candidatesUrl = (projectId: string) => (q: string) => {
  const params = new URLSearchParams({ project: projectId });
  const term = q.trim().slice(0, 100);
  if (term) params.set("q", term);
  return `/api/admin/projects/member-candidates?${params}`;
};

/** "Add member": anyone of the organization (staff or requester), found on the server as you type. */
export function AddMemberForm({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [person, setPerson] = useState<Person | null>(null);
  const [triage, setTriage] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!person) return setError("Choose a person to add.");
    startTransition(async () => {
      setError(null);
      const res = await addProjectMemberAction({ projectId, userId: person.id, triage });
      if (!res.ok) return setError(res.fieldErrors?.userId?.[0] ?? res.message);
      setPerson(null);
      setTriage(false);
      router.refresh();
    });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="add-member-person" className="block text-sm font-medium text-slate-800">
            Person
          </label>
          <SearchCombobox
            id="add-member-person"
            className="mt-1.5"
            searchUrl={candidatesUrl(projectId)}
            value={person}
            onPick={setPerson}
            placeholder="Type a name or e-mail…"
            listLabel="People suggestions"
            invalid={!!error}
            describedBy={error ? "add-member-error" : undefined}
          />
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
          <input type="checkbox" checked={triage} onChange={(e) => setTriage(e.target.checked)} className="size-4 rounded border-slate-300" />
          Triage new tickets
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add member"}
        </Button>
      </div>
      {error ? (
        <p id="add-member-error" role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function MemberRow({ projectId, member }: { projectId: string; member: MemberView }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const [triage, setOptimisticTriage] = useOptimistic(member.triage);
  const run = <T,>(action: () => Promise<ActionResult<T>>, optimistic?: boolean) =>
    startTransition(async () => {
      if (optimistic !== undefined) setOptimisticTriage(optimistic);
      setError(null);
      const res = await action();
      if (!res.ok) setError(res.message);
      setConfirming(false);
      router.refresh();
    });
  return (
    <tr>
      <td className="px-4 py-2.5">
        <div className="font-medium text-slate-900">{member.name}</div>
        <div className="text-xs break-all text-slate-500">{member.email}</div>
        {error ? <Notice message={error} /> : null}
      </td>
      <td className="px-4 py-2.5 whitespace-nowrap">
        {member.roleName}
        {member.active ? null : <span className="ml-2 text-xs text-slate-500">(deactivated)</span>}
      </td>
      <td className="px-4 py-2.5">
        <input
          type="checkbox"
          aria-label={`Triage for ${member.name}`}
          checked={triage}
          disabled={pending}
          onChange={(e) => {
            const next = e.target.checked;
            run(() => setMemberTriageAction({ projectId, userId: member.userId, triage: next }), next);
          }}
          className="size-4 rounded border-slate-300"
        />
      </td>
      <td className="px-4 py-2.5 text-right whitespace-nowrap">
        {confirming ? (
          <span className="inline-flex gap-2">
            <Button variant="danger" disabled={pending} onClick={() => run(() => removeProjectMemberAction({ projectId, userId: member.userId }))}>
              Confirm remove
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </span>
        ) : (
          <Button variant="ghost" aria-label={`Remove ${member.name}`} onClick={() => setConfirming(true)}>
            Remove
          </Button>
        )}
      </td>
    </tr>
  );
}

/** The page of members: triage flag and removal per member. */
export function MembersTable({ projectId, members }: { projectId: string; members: MemberView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Members</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5">Person</th>
            <th scope="col" className="px-4 py-2.5">Role</th>
            <th scope="col" className="px-4 py-2.5">
              Triage
            </th>
            <th scope="col" className="px-4 py-2.5 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {members.map((m) => (
            <MemberRow key={m.userId} projectId={projectId} member={m} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
