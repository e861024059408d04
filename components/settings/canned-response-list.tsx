"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteCannedResponseAction } from "@/lib/actions/canned-responses";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { CannedResponseForm } from "./canned-response-form";

export interface CannedResponseRow {
  id: string;
  title: string;
  body: string;
  personal: boolean;
}

function Row({ row, editable, canManageOrganization }: { row: CannedResponseRow; editable: boolean; canManageOrganization: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function remove() {
    setError(null);
    startTransition(async () => {
      const res = await deleteCannedResponseAction({ id: row.id });
      if (!res.ok) setError(res.message);
      setConfirming(false);
      router.refresh();
    });
  }

  return (
    <li className="py-4 first:pt-0 last:pb-0">
      {editing ? (
        <CannedResponseForm
          initial={{ id: row.id, title: row.title, body: row.body, scope: row.personal ? "personal" : "organization" }}
          canManageOrganization={canManageOrganization}
          onDone={() => setEditing(false)}
        />
      ) : (
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <h3 className="text-sm font-medium text-slate-900">{row.title}</h3>
            <p className="mt-1 line-clamp-3 text-sm whitespace-pre-wrap text-slate-600">{row.body}</p>
          </div>
          {editable ? (
            <div className="flex shrink-0 items-center gap-2">
              {confirming ? (
                <>
                  <Button variant="danger" onClick={remove} disabled={pending}>
                    Confirm delete
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
                    Keep
                  </Button>
                </>
              ) : (
                <>
                  <Button variant="secondary" onClick={() => setEditing(true)}>
                    Edit
                  </Button>
                  <Button variant="ghost" onClick={() => setConfirming(true)}>
                    Delete
                  </Button>
                </>
              )}
            </div>
          ) : null}
        </div>
      )}
      <div className="mt-2">
        <Notice message={error} />
      </div>
    </li>
  );
}

/** One scope's responses; the edit and delete controls only where the viewer may manage them. */
export function CannedResponseList({
  label,
  rows,
  editable,
  canManageOrganization,
  empty,
}: {
  label: string;
  rows: CannedResponseRow[];
  editable: boolean;
  canManageOrganization: boolean;
  empty: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {rows.map((r) => (
        <Row key={r.id} row={r} editable={editable} canManageOrganization={canManageOrganization} />
      ))}
    </ul>
  );
}
