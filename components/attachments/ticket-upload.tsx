"use client";

import { useRouter } from "next/navigation";
import type { UploadLimits } from "@/lib/domain/attachments/config";
import { FileDrop } from "./file-drop";

/** Files attached to the ticket itself: listed as soon as each arrives. */
export function TicketUpload({ ticketId, limits }: { ticketId: string; limits: UploadLimits }) {
  const router = useRouter();
  return <FileDrop ticketId={ticketId} purpose="ticket" label="Attach files" limits={limits} onUploaded={() => router.refresh()} />;
}
