import type { TicketRelationships } from "@/lib/domain/relationships/list-links";
import { LinksPanel } from "./links-panel";
import { SubtasksPanel } from "./subtasks-panel";

/** The ticket page's "Subtasks" and "Links" sections (staff: editable; portal: the visible links, read-only). */
export function RelationshipSections({ ticketId, data, audience }: { ticketId: string; data: TicketRelationships; audience: "staff" | "requester" }) {
  const hrefBase = audience === "staff" ? "/tickets" : "/portal/tickets";
  if (audience === "requester") {
    return data.links.length ? <LinksPanel ticketId={ticketId} links={data.links} canLink={false} hrefBase={hrefBase} /> : null;
  }
  return (
    <>
      {data.subtasks.length || data.canAddSubtask ? (
        <SubtasksPanel parentId={ticketId} subtasks={data.subtasks} progress={data.progress} canAdd={data.canAddSubtask} hrefBase={hrefBase} />
      ) : null}
      <LinksPanel ticketId={ticketId} links={data.links} canLink={data.canLink} hrefBase={hrefBase} />
    </>
  );
}
