"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addTeamMemberAction, removeTeamMemberAction } from "@/lib/actions/teams";
import { Button } from "@/components/ui/button";
import { SearchCombobox, type Person } from "@/components/ui/search-combobox";
import { MemberCells, MembersTableShell, RemoveMemberCell, type MemberPerson } from "@/components/admin/member-cells";

export interface TeamMemberView extends MemberPerson {
  userId: string;
}

const candidatesUrl = (teamId: string) => (q: string) => {
  const params = new URLSearchParams({ team: teamId });
  const term = q.trim().slice(0, 100);
  if (term) params.set("q", term);
  return `/api/admin/teams/member-candidates?${params}`;
};

/** "Add member": staff of the organization not in the team yet, found on the server as you type. */
export function AddTeamMemberForm({ teamId }: { teamId: string }) {
  const router = useRouter();
  const [person, setPerson] = useState<Person | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!person) return setError("Choose a staff member to add.");
    startTransition(async () => {
      setError(null);
      const res = await addTeamMemberAction({ teamId, userId: person.id });
      if (!res.ok) return setError(res.fieldErrors?.userId?.[0] ?? res.message);
      setPerson(null);
      router.refresh();
    });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="add-team-member" className="block text-sm font-medium text-slate-800">
            Staff member
          </label>
          <SearchCombobox
            id="add-team-member"
            className="mt-1.5"
            searchUrl={candidatesUrl(teamId)}
            value={person}
            onPick={setPerson}
            placeholder="Type a name…"
            listLabel="Staff suggestions"
            invalid={!!error}
            describedBy={error ? "add-team-member-error" : undefined}
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add member"}
        </Button>
      </div>
      {error ? (
        <p id="add-team-member-error" role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function MemberRow({ teamId, member }: { teamId: string; member: TeamMemberView }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      setError(null);
      const res = await removeTeamMemberAction({ teamId, userId: member.userId });
      if (!res.ok) setError(res.message);
      router.refresh();
    });
  return (
    <tr>
      <MemberCells member={member} error={error} />
      <RemoveMemberCell name={member.name} pending={pending} onConfirm={remove} />
    </tr>
  );
}

/** The page of members, each with "Remove". */
export function TeamMembersTable({ teamId, members }: { teamId: string; members: TeamMemberView[] }) {
  return (
    <MembersTableShell>
      {members.map((m) => (
        <MemberRow key={m.userId} teamId={teamId} member={m} />
      ))}
    </MembersTableShell>
  );
}
