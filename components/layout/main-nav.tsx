"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { currentSection, type NavItem } from "./sections";

export type { NavItem };

/**
 * The app's sections, the current one marked for everyone (aria-current) and
 * drawn as chosen. Below lg they fold into a "Menu" button (a disclosure):
 * the list opens under the header, Escape or a click elsewhere closes it and
 * gives focus back to the button, and following a link closes it.
 */
export function MainNav({ items }: { items: NavItem[] }) {
  const path = usePathname() ?? "";
  const current = currentSection(items, path);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // A new page closes the menu (a link to the page already shown closes it through onClick).
  const [shownFor, setShownFor] = useState(path);
  if (shownFor !== path) {
    setShownFor(path);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <nav ref={root} aria-label="Main" className="min-w-0 lg:flex lg:items-center">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex min-h-11 items-center gap-2 rounded-md px-2.5 text-sm font-medium text-slate-700 sm:min-h-9 ring-1 ring-slate-300 ring-inset hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 aria-expanded:bg-slate-100 lg:hidden"
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-5 w-5 text-slate-500">
          {open ? (
            <path d="M5.28 4.22a.75.75 0 0 0-1.06 1.06L8.94 10l-4.72 4.72a.75.75 0 1 0 1.06 1.06L10 11.06l4.72 4.72a.75.75 0 1 0 1.06-1.06L11.06 10l4.72-4.72a.75.75 0 0 0-1.06-1.06L10 8.94 5.28 4.22Z" />
          ) : (
            <path d="M2.75 5.5a.75.75 0 0 1 .75-.75h13a.75.75 0 0 1 0 1.5h-13a.75.75 0 0 1-.75-.75Zm0 4.5a.75.75 0 0 1 .75-.75h13a.75.75 0 0 1 0 1.5h-13a.75.75 0 0 1-.75-.75Zm.75 3.75a.75.75 0 0 0 0 1.5h13a.75.75 0 0 0 0-1.5h-13Z" />
          )}
        </svg>
        Menu
      </button>
      {/* Folded: a panel under the (sticky, positioned) header across its width. lg and up: the links in the header's row. */}
      {/* Links without a list, as before the fold: pages count their own list items (a board's cards). */}
      <div
        id={listId}
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full flex-col gap-1 border-b border-slate-200 bg-white p-2 shadow-lg lg:static lg:flex lg:min-w-0 lg:flex-row lg:items-center lg:gap-1 lg:overflow-x-auto lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none`}
      >
        {items.map((item) => {
          const here = item.href === current;
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={here ? "page" : undefined}
              onClick={() => setOpen(false)}
              className={`flex min-h-11 items-center rounded-md px-3 text-base font-medium whitespace-nowrap lg:min-h-0 lg:py-1.5 lg:text-sm ${here ? "bg-slate-100 text-slate-900" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {item.label}
            </Link>
          );
        })}
      </div>
    </nav>
  );
}
