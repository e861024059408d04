"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteAssetAction, setAssetRetiredAction } from "@/lib/actions/assets";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { useAssetVersion } from "./asset-version";

/**
 * "Retire asset" / "Return to service", and "Delete asset" for one no change
 * ever targeted (a mistaken entry), after a confirmation. A conflict or a
 * refusal shows its message here and reloads the page.
 */
export function AssetLifecycle({ id, label, retired, targeted }: { id: string; label: string; retired: boolean; targeted: number }) {
  const router = useRouter();
  const { version, saw } = useAssetVersion();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function retire(next: boolean) {
    setMessage(null);
    startTransition(async () => {
      const res = await setAssetRetiredAction({ id, version, retired: next });
      if (!res.ok) {
        setMessage(res.message);
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      saw(res.data.version);
      router.refresh();
    });
  }

  function remove() {
    setMessage(null);
    startTransition(async () => {
      const res = await deleteAssetAction({ id, version });
      if (!res.ok) {
        setMessage(res.message);
        setConfirming(false);
        router.refresh();
        return;
      }
      router.push("/admin/assets");
    });
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        {retired
          ? "Retired: changes can no longer target it. The changes that did keep it, and its history stays."
          : "In service: change requests can target it."}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={pending} onClick={() => retire(!retired)}>
          {retired ? "Return to service" : "Retire asset"}
        </Button>
        {targeted === 0 && !confirming ? (
          <Button variant="ghost" disabled={pending} onClick={() => setConfirming(true)}>
            Delete asset
          </Button>
        ) : null}
      </div>
      {targeted > 0 ? <p className="text-xs text-slate-500">Change requests target it, so it can be retired but not deleted.</p> : null}
      {confirming ? (
        <ConfirmDelete name={label} confirmLabel="Delete for good" pending={pending} onConfirm={remove} onKeep={() => setConfirming(false)}>
          Delete “{label}” and its components? No change request has targeted it. This cannot be undone.
        </ConfirmDelete>
      ) : null}
      {message ? <Notice message={message} /> : null}
    </div>
  );
}
