"use client";

import Link from "next/link";
import { use, useState } from "react";
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { savePreferencesAction } from "@/lib/actions/desk";
import type { DeskBoxes } from "@/lib/domain/desk/desk-query";
import { BOX_KEYS, type BoxKey } from "@/lib/validation/desk";

export const BOX_LABELS: Record<BoxKey, string> = {
  unassigned: "Unassigned",
  mine: "Assigned to me",
  teams: "My teams",
  in_progress: "In progress",
  new: "New",
  critical: "Critical",
  approval: "Awaiting approval",
  ready: "Ready to assign",
};

function Box({ box, count, active }: { box: BoxKey; count: number; active: boolean }) {
  // Destructured: the React Compiler's lint takes an object whose member is
  // passed as a `ref` for a ref, and then any read of it for a render-time ref read.
  const { setNodeRef: dragRef, transform, listeners, attributes } = useDraggable({ id: box });
  const { setNodeRef: dropRef, isOver } = useDroppable({ id: box });
  const style = transform ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 10 } : undefined;
  return (
    <li ref={dropRef} className={`rounded-lg ${isOver ? "ring-2 ring-brand-500" : ""}`}>
      <div ref={dragRef} style={style} className={`group relative rounded-lg bg-white shadow-xs ring-1 transition ${active ? "ring-2 ring-brand-600" : "ring-slate-200 hover:ring-slate-300"}`}>
        <Link href={active ? "/desk" : `/desk?box=${box}`} className="block px-4 py-3" aria-current={active ? "true" : undefined}>
          <span className="block text-xs font-medium text-slate-500">{BOX_LABELS[box]}</span>
          <span className="mt-1 block text-2xl font-semibold tabular-nums text-slate-900">{count.toLocaleString("en")}</span>
        </Link>
        <button
          type="button"
          {...listeners}
          {...attributes}
          aria-label={`Move box ${BOX_LABELS[box]}`}
          className="absolute top-0 right-0 grid h-11 w-11 cursor-grab place-items-center rounded text-slate-300 opacity-0 group-hover:opacity-100 focus:opacity-100 hover:text-slate-500 max-md:touch-none md:top-1.5 md:right-1.5 md:block md:h-auto md:w-auto md:px-1"
        >
          ⋮⋮
        </button>
      </div>
    </li>
  );
}

function boxOrder(initialOrder: readonly BoxKey[] | undefined): BoxKey[] {
  const known = (initialOrder ?? []).filter((b) => BOX_KEYS.includes(b));
  return [...known, ...BOX_KEYS.filter((b) => !known.includes(b))];
}

/**
 * While the counts are on their way (they stream after the table: counting
 * every live ticket in scope is the page's slowest read), the boxes show
 * their labels in their places, so nothing moves when the numbers arrive.
 */
export function DeskBoxesPlaceholder({ keys, initialOrder }: { keys: readonly BoxKey[]; initialOrder?: BoxKey[] }) {
  return (
    <ul aria-label="Queues" aria-busy="true" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-8">
      {boxOrder(initialOrder)
        .filter((b) => keys.includes(b))
        .map((b) => (
          <li key={b} className="rounded-lg bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200">
            <span className="block text-xs font-medium text-slate-500">{BOX_LABELS[b]}</span>
            <span aria-hidden className="mt-2 block h-6 w-12 animate-pulse rounded bg-slate-100" />
            <span className="sr-only">counting…</span>
          </li>
        ))}
    </ul>
  );
}

/** The boxes once their counts have arrived (a promise the page started: see DeskView). */
export function StreamedDeskBoxes({ boxes, current, ...rest }: { boxes: Promise<DeskBoxes>; current?: DeskBoxes | null; active?: BoxKey; initialOrder?: BoxKey[] }) {
  // `current`: counts read again since (a live desk), in the same boxes.
  const streamed = use(boxes);
  return <DeskBoxesRow boxes={current ?? streamed} {...rest} />;
}

/** Live counts over non-terminal tickets in scope; click to apply, drag to reorder (remembered per user). */
export function DeskBoxesRow({ boxes, active, initialOrder }: { boxes: DeskBoxes; active?: BoxKey; initialOrder?: BoxKey[] }) {
  const [order, setOrder] = useState<BoxKey[]>(() => boxOrder(initialOrder));
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor));

  function onDragEnd(e: DragEndEvent) {
    const from = e.active.id as BoxKey;
    const to = e.over?.id as BoxKey | undefined;
    if (!to || from === to) return;
    const next = [...order];
    next.splice(next.indexOf(from), 1);
    next.splice(next.indexOf(to) + (order.indexOf(from) < order.indexOf(to) ? 1 : 0), 0, from);
    setOrder(next);
    void savePreferencesAction({ boxOrder: next });
  }

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <ul aria-label="Queues" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-8">
        {order.map((b) => {
          const count = boxes[b];
          return count === undefined ? null : <Box key={b} box={b} count={count} active={active === b} />;
        })}
      </ul>
    </DndContext>
  );
}
