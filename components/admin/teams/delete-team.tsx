"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteTeamAction } from "@/lib/actions/teams";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ConfirmDelete } from "@/components/ui/confirm-delete";

/**
 * "Delete team", with what it does said before the click. The server refuses
 * while open tickets are on the team or it is a project's default team, and
 * says which.
 */
export function DeleteTeam({ team, openTickets }: { team: { id: string; name: string; version: number }; openTickets: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      setError(null);
      const res = await deleteTeamAction({ id: team.id, version: team.version });
      if (!res.ok) {
        setError(res.message);
        setConfirming(false);
        router.refresh();
        return;
      }
      router.push("/admin/teams");
    });
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        A team with open tickets cannot be deleted: transfer them to another team first ({openTickets} open now). Its finished tickets keep their history.
      </p>
      {confirming ? (
        <ConfirmDelete name={team.name} confirmLabel="Delete team" pending={pending} onConfirm={remove} onKeep={() => setConfirming(false)}>
          Delete “{team.name}” and its membership list?
        </ConfirmDelete>
      ) : (
        <Button variant="secondary" aria-label={`Delete ${team.name}`} onClick={() => setConfirming(true)}>
          Delete…
        </Button>
      )}
      <Notice message={error} />
    </div>
  );
}
