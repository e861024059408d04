"use client";

import { useId, useState, type RefObject } from "react";
import { mentionName, type MentionToken } from "@/lib/domain/comments/mention-token";
import { peopleSearchUrl, useRemoteSearch } from "@/components/ui/use-remote-search";

export interface MentionCandidate {
  id: string;
  name: string;
}

const MAX_SUGGESTIONS = 8;
/** "@" at the start or after a space, then what has been typed of a name (no spaces yet). */
const TRIGGER = /(?:^|\s)@([^\s@[\]()]{0,30})$/;

interface Trigger {
  start: number;
  query: string;
}

export function findTrigger(value: string, caret: number): Trigger | null {
  const m = TRIGGER.exec(value.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[1]!.length - 1, query: m[1]! };
}

export function rankCandidates(candidates: MentionCandidate[], query: string): MentionCandidate[] {
  const q = query.toLowerCase();
  const scored = candidates
    .map((c) => {
      const name = c.name.toLowerCase();
      const score = name.startsWith(q) ? 0 : name.split(/\s+/).some((w) => w.startsWith(q)) ? 1 : name.includes(q) ? 2 : -1;
      return { c, score };
    })
    .filter((x) => x.score >= 0)
    .sort((a, b) => a.score - b.score || a.c.name.localeCompare(b.c.name));
  return scored.slice(0, MAX_SUGGESTIONS).map((x) => x.c);
}

/**
 * @mention autocomplete for the reply box (internal notes only): typing "@"
 * and letters opens a listbox of staff; ArrowUp/ArrowDown move, Enter or Tab
 * insert "@Name" (the token with the id is written only into the body sent),
 * Escape closes. The textarea keeps its role and
 * name ("Reply") and points at the active option (aria-activedescendant).
 * Candidates come from the server as the name is typed (who may be mentioned
 * on this ticket, at most 20); the list ranks and trims what came back.
 */
export function useMentionAutocomplete({
  enabled,
  ticketId,
  value,
  setValue,
  textareaRef,
  onPick,
}: {
  enabled: boolean;
  ticketId: string;
  value: string;
  setValue: (v: string, caret: number) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** The person picked: the box shows "@Name", the body sent carries their token (encodeMentions). */
  onPick: (person: MentionToken) => void;
}) {
  const base = useId();
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  const asking = enabled && !!trigger && trigger.start !== dismissedAt;
  const { results: candidates } = useRemoteSearch({ url: peopleSearchUrl(trigger?.query ?? "", { ticketId }), enabled: asking });
  // Answers to an earlier, shorter query are narrowed here until the new one lands.
  const matches = asking ? rankCandidates(candidates, trigger!.query) : [];
  const open = matches.length > 0;
  const listId = `${base}-mentions`;
  const optionId = (i: number) => `${base}-mention-${i}`;

  /** Call after every change of text or caret. */
  function update(text: string, caret: number) {
    const t = enabled ? findTrigger(text, caret) : null;
    if (t?.start !== trigger?.start || t?.query !== trigger?.query) setActive(0);
    setTrigger(t);
  }

  function insert(c: MentionCandidate) {
    if (!trigger) return;
    const caret = textareaRef.current?.selectionStart ?? trigger.start + trigger.query.length + 1;
    const name = mentionName(c.name);
    const shown = `@${name} `;
    const next = value.slice(0, trigger.start) + shown + value.slice(caret);
    setTrigger(null);
    onPick({ name, userId: c.id.toLowerCase() });
    setValue(next, trigger.start + shown.length);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => (i + 1) % matches.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i - 1 + matches.length) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      insert(matches[Math.min(active, matches.length - 1)]!);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setDismissedAt(trigger!.start);
    }
  }

  const textareaProps = {
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open ? optionId(Math.min(active, matches.length - 1)) : undefined,
  };

  const listbox = open ? (
    <ul id={listId} role="listbox" aria-label="Mention suggestions" className="absolute left-0 z-30 mt-1 w-64 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200">
      {matches.map((c, i) => (
        <li
          key={c.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          onMouseEnter={() => setActive(i)}
          onMouseDown={(e) => {
            // Keep the caret in the textarea.
            e.preventDefault();
            insert(c);
          }}
          className={`cursor-pointer rounded-md px-2 py-1.5 text-sm ${i === active ? "bg-brand-50 text-brand-700" : "text-slate-800"}`}
        >
          @{c.name}
        </li>
      ))}
    </ul>
  ) : null;

  return { update, onKeyDown, textareaProps, listbox };
}
