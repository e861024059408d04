import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { staffPageActor } from "@/lib/auth/guards";
import { listBoards } from "@/lib/domain/board/board-query";
import { TERMINAL_STATUSES } from "@/lib/domain/tickets/workflow";
import { ticketScope } from "@/lib/domain/tickets/policy";
import { PageHeader } from "@/components/layout/app-shell";

export const metadata: Metadata = { title: "Boards" };

const KIND = { support: "Support workflow", change: "Change workflow", kanban: "Kanban columns" } as const;

/** The boards of the projects the viewer works in, with their open cards in the viewer's scope. */
export default async function BoardsPage() {
  const actor = await staffPageActor();
  const boards = await listBoards(actor);
  const counts = await db.ticket.groupBy({
    by: ["projectId"],
    where: { ...ticketScope(actor), projectId: { in: boards.map((b) => b.id) }, status: { notIn: [...TERMINAL_STATUSES] } },
    _count: { _all: true },
  });
  const open = new Map(counts.map((c) => [c.projectId, c._count._all]));
  return (
    <div>
      <PageHeader title="Boards" description="One board per project: drag cards between states or columns." />
      {boards.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500">You are not a member of any project yet.</div>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {boards.map((b) => (
            <li key={b.key}>
              <Link href={`/board/${b.key}`} className="block rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200 hover:ring-brand-500">
                <div className="flex items-baseline justify-between gap-2">
                  <span className="font-mono text-sm text-slate-500">{b.key}</span>
                  <span className="text-xs text-slate-500">{open.get(b.id) ?? 0} open</span>
                </div>
                <div className="mt-1 font-medium text-slate-900">{b.name}</div>
                <div className="mt-1 text-xs text-slate-500">{KIND[b.workflow]}</div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
