"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import type { BoardCard, BoardColumn as Column, BoardProject } from "@/lib/domain/board/board-query";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import type { BoardQuery } from "@/lib/validation/board";
import { canTransition, isReplyOnlyMove, moveName, MOVES_NEEDING_REASON, MOVE_LABELS } from "@/lib/domain/tickets/workflow";
import { rankForIndex } from "@/lib/domain/board/rank";
import { transitionTicketAction } from "@/lib/actions/tickets";
import { loadColumnAction, reorderCardAction } from "@/lib/actions/board";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { OpenChildrenDialog } from "@/components/relationships/open-children-dialog";
import { CONFIRM_OPEN_CHILDREN } from "@/lib/domain/relationships/link-types";
import { BoardColumn } from "./board-column";
import { CardOverlay } from "./board-card";
import { appendPage, locate, othersIn, patchCard, placeCard, placeRemote, withTotals, type Place } from "./board-state";
import { useLive } from "@/components/live/use-live";
import { boardQueryString } from "@/lib/validation/board";
import { keyboardPlacement } from "./keyboard";
import { BoardToast, useToast } from "./board-toast";

interface Drag {
  card: BoardCard;
  from: Place;
  keyboard: boolean;
}

/** A drop onto another column waiting for its reason (reject, roll back). */
interface Asking {
  card: BoardCard;
  from: Place;
  to: Place;
  rank: string;
  title: string;
}

/** A drop that would finish a parent with open subtasks, waiting for the user's confirmation. */
interface Confirming {
  card: BoardCard;
  from: Place;
  to: Place;
  rank: string;
  reason?: string;
  items: string[];
}

// Pointer drags: the column under the pointer. Keyboard drags place the card themselves (keyboard.ts).
const collisions: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : rectIntersection(args);
};

/**
 * The board's drag and drop. A card moves at once (optimistic); a drop inside
 * its column is a reorder (reorderCardAction), a drop on another column the
 * same transition as the ticket page's buttons (transitionTicketAction). When
 * the server refuses, the card goes back where it was and a toast says why.
 */
export function BoardCanvas({ project, initialColumns, filters }: { project: BoardProject; initialColumns: Column[]; filters: BoardQuery }) {
  const router = useRouter();
  const [columns, setColumns] = useState(initialColumns);
  // A fresh server render (filters, refresh) replaces the local state, in the
  // same render (React's "adjusting state when a prop changes").
  const [renderedColumns, setRenderedColumns] = useState(initialColumns);
  if (renderedColumns !== initialColumns) {
    setRenderedColumns(initialColumns);
    setColumns(initialColumns);
  }
  const columnsRef = useRef(columns);
  columnsRef.current = columns;

  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const [target, setTargetState] = useState<Place | null>(null);
  const targetRef = useRef<Place | null>(null);
  const setTarget = useCallback((t: Place | null) => {
    const prev = targetRef.current;
    if (prev?.column === t?.column && prev?.index === t?.index) return;
    targetRef.current = t;
    setTargetState(t);
  }, []);

  const { toast, say, dismiss } = useToast();

  const [asking, setAsking] = useState<Asking | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [loadingColumn, setLoadingColumn] = useState<string | null>(null);

  // Live: cards others create, move, change or remove are read again and put where the server now shows them.
  const filterQuery = boardQueryString(filters);
  const applyRemote = useCallback(
    async (ids: string[]) => {
      // The card being dragged here stays under the pointer; the drop decides.
      const wanted = ids.filter((id) => id !== dragRef.current?.card.id);
      if (wanted.length === 0) return;
      const unknown = wanted.some((id) => !locate(columnsRef.current, id));
      const qs = new URLSearchParams(filterQuery);
      qs.set("ids", wanted.join(","));
      if (unknown) qs.set("totals", "1");
      try {
        const res = await fetch(`/api/board/${encodeURIComponent(project.key)}/cards?${qs}`, { cache: "no-store", headers: { accept: "application/json" } });
        if (!res.ok) return;
        const data = (await res.json()) as { cards: { column: string; card: BoardCard }[]; totals: { key: string; total: number; totalCapped: boolean }[] | null };
        const byId = new Map(data.cards.map((c) => [c.card.id, c]));
        setColumns((cols) => {
          let next = cols;
          for (const id of wanted) {
            if (id === dragRef.current?.card.id) continue;
            next = placeRemote(next, id, byId.get(id) ?? null);
          }
          return data.totals ? withTotals(next, data.totals) : next;
        });
      } catch {}
    },
    [filterQuery, project.key],
  );
  useLive({ board: project.key }, { board: (e) => void applyRemote(e.ids), resync: () => router.refresh() });

  const labelOf = useCallback((key: string) => columnsRef.current.find((c) => c.key === key)?.label ?? key, []);

  const coordinateGetter = useMemo(() => keyboardPlacement({ columns: columnsRef, drag: dragRef, target: targetRef, setTarget }), [setTarget]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter }));

  function onDragStart(e: DragStartEvent) {
    const found = locate(columnsRef.current, String(e.active.id));
    if (!found) return;
    const d: Drag = { card: found.card, from: { column: found.column.key, index: found.index }, keyboard: e.activatorEvent instanceof KeyboardEvent };
    dragRef.current = d;
    setDrag(d);
    setTarget(d.from);
    dismiss();
  }

  /** Pointer drags: the column under the pointer, and the place among its cards by the pointer's height. */
  function onDragMove(e: DragMoveEvent) {
    const d = dragRef.current;
    if (!d || d.keyboard) return;
    const key = (e.over?.data.current as { column?: string } | undefined)?.column;
    if (!key) return setTarget(null);
    const start = e.activatorEvent as PointerEvent;
    const y = (start.clientY ?? 0) + e.delta.y;
    const nodes = Array.from(document.querySelectorAll<HTMLElement>(`[data-column-key="${key}"] [data-card-id]`)).filter((n) => n.dataset.cardId !== d.card.id);
    let index = 0;
    for (const n of nodes) {
      const r = n.getBoundingClientRect();
      if (y > r.top + r.height / 2) index += 1;
      else break;
    }
    setTarget({ column: key, index });
  }

  function endDrag() {
    dragRef.current = null;
    setDrag(null);
    setTarget(null);
  }

  function onDragEnd(_e: DragEndEvent) {
    const d = dragRef.current;
    const to = targetRef.current;
    endDrag();
    if (!d || !to) return;
    if (to.column === d.from.column) {
      if (to.index !== d.from.index) void reorder(d, to);
      return;
    }
    const list = othersIn(columnsRef.current.find((c) => c.key === to.column)!, d.card.id);
    const rank = rankForIndex(list.map((c) => c.rank), to.index);
    setColumns((cols) => placeCard(cols, d.card, to));
    const move = project.workflow === "kanban" ? null : moveOf(project, d.card.status, to.column as TicketStatus);
    if (move && MOVES_NEEDING_REASON.has(move)) {
      setAskError(null);
      setAsking({ card: d.card, from: d.from, to, rank, title: `${MOVE_LABELS[move]} ${d.card.number}: why?` });
      return;
    }
    void transition(d.card, d.from, to, rank);
  }

  function rollback(card: BoardCard, from: Place) {
    setColumns((cols) => placeCard(cols, card, from));
  }

  async function reorder(d: Drag, to: Place) {
    const list = othersIn(columnsRef.current.find((c) => c.key === to.column)!, d.card.id);
    const afterId = to.index > 0 ? list[to.index - 1]!.id : null;
    setColumns((cols) => placeCard(cols, d.card, to));
    const res = await reorderCardAction({ ticketId: d.card.id, column: d.from.column, afterId });
    if (res.ok) {
      setColumns((cols) => patchCard(cols, d.card.id, { rank: res.data.rank }));
      // A tie of equal ranks was re-spread: other cards' ranks changed too.
      if (res.data.rowsWritten > 1) router.refresh();
      return;
    }
    rollback(d.card, d.from);
    say("error", `${d.card.number} was not moved: ${res.message}`);
    if (res.code === "CONFLICT" || res.code === "NOT_FOUND") router.refresh();
  }

  async function transition(
    card: BoardCard,
    from: Place,
    to: Place,
    rank: string,
    reason?: string,
    confirmOpenChildren?: true,
  ): Promise<"moved" | "refused" | "reason" | "confirm"> {
    const res = await transitionTicketAction({
      ticketId: card.id,
      version: card.version,
      rank,
      ...(project.workflow === "kanban" ? { columnId: to.column } : { to: to.column }),
      ...(reason ? { reason } : {}),
      ...(confirmOpenChildren ? { confirmOpenChildren } : {}),
    });
    if (res.ok) {
      setColumns((cols) =>
        patchCard(cols, card.id, { version: res.data.version, status: res.data.status, rank, ...(project.workflow === "kanban" ? { columnId: to.column } : {}) }),
      );
      say("success", `${card.number} moved to ${labelOf(to.column)}.`);
      return "moved";
    }
    if (reason !== undefined && res.code === "VALIDATION" && res.fieldErrors?.reason) {
      setAskError(res.fieldErrors.reason.join(" "));
      return "reason";
    }
    // A parent with open subtasks: the card waits in its new column while the user decides.
    const openChildren = !res.ok && res.code === "VALIDATION" ? res.fieldErrors?.[CONFIRM_OPEN_CHILDREN] : undefined;
    if (openChildren && !confirmOpenChildren) {
      setConfirming({ card, from, to, rank, ...(reason ? { reason } : {}), items: openChildren });
      return "confirm";
    }
    rollback(card, from);
    say("error", `${card.number} was not moved to ${labelOf(to.column)}: ${res.message}`);
    if (res.code === "CONFLICT" || res.code === "NOT_FOUND") router.refresh();
    return "refused";
  }

  async function loadMore(key: string) {
    const col = columnsRef.current.find((c) => c.key === key);
    if (!col?.nextCursor) return;
    setLoadingColumn(key);
    const res = await loadColumnAction({ projectKey: project.key, column: key, cursor: col.nextCursor, filters });
    setLoadingColumn(null);
    if (res.ok) setColumns((cols) => appendPage(cols, key, res.data));
    else say("error", res.message);
  }

  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => {
        const card = locate(columnsRef.current, String(active.id))?.card;
        return card ? `Picked up ${card.number}. Left and right arrows change the column, up and down the place; Space drops it, Escape cancels.` : undefined;
      },
      onDragMove: () => {
        const d = dragRef.current;
        const t = targetRef.current;
        if (!d?.keyboard || !t) return undefined;
        return `${d.card.number}: ${labelOf(t.column)}, place ${t.index + 1}.`;
      },
      onDragOver: ({ over }) => {
        const d = dragRef.current;
        const key = (over?.data.current as { column?: string } | undefined)?.column;
        return d && !d.keyboard && key ? `${d.card.number} is over ${labelOf(key)}.` : undefined;
      },
      onDragEnd: () => undefined,
      onDragCancel: ({ active }) => `Cancelled. ${locate(columnsRef.current, String(active.id))?.card.number ?? "The card"} is back where it was.`,
    }),
    [labelOf],
  );

  return (
    <div className="relative">
      <DndContext
        sensors={sensors}
        collisionDetection={collisions}
        onDragStart={onDragStart}
        onDragMove={onDragMove}
        onDragEnd={onDragEnd}
        onDragCancel={endDrag}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: "To move this card, press Space. Then use the arrow keys: left and right change the column, up and down the place. Press Space again to drop, or Escape to cancel.",
          },
        }}
      >
        {/* relative: the scroller is the containing block of absolutely placed text (sr-only), which would otherwise widen the page.
            On a phone it runs to the screen's edges and snaps one column at a time. */}
        <div className="relative -mx-4 flex snap-x snap-mandatory scroll-px-4 items-start gap-3 overflow-x-auto px-4 pb-4 sm:-mx-6 sm:scroll-px-6 sm:px-6 md:-mx-1 md:snap-none md:px-1" data-testid="board">
          {columns.map((col) => (
            <BoardColumn
              key={col.key}
              column={col}
              draggingId={drag?.card.id ?? null}
              target={target?.column === col.key ? target : null}
              legal={drag && project.workflow !== "kanban" && col.key !== drag.from.column ? !!moveOf(project, drag.card.status, col.key as TicketStatus) : null}
              loading={loadingColumn === col.key}
              onLoadMore={() => void loadMore(col.key)}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>{drag ? <CardOverlay card={drag.card} /> : null}</DragOverlay>
      </DndContext>

      <BoardToast toast={toast} onDismiss={dismiss} />

      <ReasonDialog
        open={!!asking}
        title={asking?.title ?? ""}
        pending={sending}
        error={askError}
        onClose={() => {
          if (asking && !sending) {
            rollback(asking.card, asking.from);
            setAsking(null);
          }
        }}
        onConfirm={async (reason) => {
          if (!asking) return;
          setSending(true);
          const outcome = await transition(asking.card, asking.from, asking.to, asking.rank, reason);
          setSending(false);
          // A refused move has already gone back; a rejected reason keeps the dialog open.
          if (outcome !== "reason") setAsking(null);
        }}
      />

      <OpenChildrenDialog
        open={!!confirming}
        action={confirming ? `Move ${confirming.card.number} to ${labelOf(confirming.to.column)}` : ""}
        items={confirming?.items ?? []}
        pending={sending}
        onClose={() => {
          if (confirming && !sending) {
            rollback(confirming.card, confirming.from);
            setConfirming(null);
          }
        }}
        onConfirm={async () => {
          if (!confirming) return;
          const c = confirming;
          setSending(true);
          await transition(c.card, c.from, c.to, c.rank, c.reason, true);
          setSending(false);
          setConfirming(null);
        }}
      />
    </div>
  );
}

/** The workflow's move from → to, when there is one a drag can make (not a reply-only state). */
function moveOf(project: BoardProject, from: TicketStatus, to: TicketStatus) {
  if (!canTransition(project.workflow, from, to) || isReplyOnlyMove(project.workflow, to)) return null;
  return moveName(project.workflow, from, to);
}
