"use client";

import { useOptimistic, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addProjectMemberAction, removeProjectMemberAction, setMemberTriageAction } from "@/lib/actions/projects";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { SearchCombobox, type Person } from "@/components/ui/search-combobox";
import { MemberCells, MembersTableShell, RemoveMemberCell, type MemberPerson } from "@/components/admin/member-cells";

export interface MemberView extends MemberPerson {
  userId: string;
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
  const [pending, startTransition] = useTransition();
  const [triage, setOptimisticTriage] = useOptimistic(member.triage);
  const run = <T,>(action: () => Promise<ActionResult<T>>, optimistic?: boolean) =>
    startTransition(async () => {
      if (optimistic !== undefined) setOptimisticTriage(optimistic);
      setError(null);
      const res = await action();
      if (!res.ok) setError(res.message);
      router.refresh();
    });
  return (
    <tr>
      <MemberCells member={member} error={error} />
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
      <RemoveMemberCell name={member.name} pending={pending} onConfirm={() => run(() => removeProjectMemberAction({ projectId, userId: member.userId }))} />
    </tr>
  );
}

/** The page of members: triage flag and removal per member. */
export function MembersTable({ projectId, members }: { projectId: string; members: MemberView[] }) {
  return (
    <MembersTableShell columns={["Triage"]}>
      {members.map((m) => (
        <MemberRow key={m.userId} projectId={projectId} member={m} />
      ))}
    </MembersTableShell>
  );
}
