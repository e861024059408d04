"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { deleteTicketAction } from "@/lib/actions/tickets";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** Soft delete (ticket.manage), after an explicit confirmation. */
export function DeleteTicketButton({ ticketId, number, version }: { ticketId: string; number: string; version: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!confirming) {
    return (
      <Button type="button" variant="ghost" className="text-red-700" onClick={() => setConfirming(true)}>
        Delete ticket
      </Button>
    );
  }
  return (
    <div className="space-y-2 rounded-lg bg-red-50 p-3 text-sm ring-1 ring-red-200">
      <p className="text-red-900">Delete {number}? It disappears from every list; an administrator can still purge it for good.</p>
      <div className="flex gap-2">
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={async () => {
            setPending(true);
            const res = await deleteTicketAction({ ticketId, version });
            setPending(false);
            if (res.ok) router.push("/desk");
            else setError(res.message);
          }}
        >
          Yes, delete
        </Button>
        <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
      <Notice message={error} />
    </div>
  );
}
