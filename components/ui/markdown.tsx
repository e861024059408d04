import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import type { Element, ElementContent, Root, RootContent } from "hast";
import { mentionPattern } from "@/lib/domain/comments/mention-token";

// Markdown from users (comment bodies, ticket descriptions), rendered safely on
// the server or the client:
// - no raw HTML: without rehype-raw, react-markdown turns HTML in the source
//   into plain text (shown escaped), so no tag or attribute of the author's
//   ever reaches the DOM; a tag that would open an HTML block is escaped
//   first, so the markdown after it still renders (htmlBlocksAsText);
// - links only to http, https and mailto (react-markdown's default transform
//   also lets relative URLs, irc: and xmpp: through, so we use our own);
//   unsafe ones render as their text; links open in a new tab with
//   rel="noopener noreferrer nofollow";
// - images are never loaded (no request to a host the author chose): each
//   becomes a link to the image, or its alt text inside another link;
// - mention tokens `@[Name](uuid)` render as a highlighted "@Name" only for
//   the ids the caller resolved (`mentions`); any other token is plain text.

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const MENTION_HREF = "mention:";

/** The URL when it is absolute http(s) or mailto, else null (parsed the way browsers parse it). */
export function safeUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/** Escapes markdown syntax in text spliced into the source. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>~|&]/g, (c) => `\\${c}`);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A line that would open a CommonMark HTML block: a tag, comment or declaration at its start (after any quote markers). */
const HTML_BLOCK_START = /^((?: {0,3}> ?)*) {0,3}<(?=[A-Za-z/!?])/;
/** An autolink at the start of a line stays one: <https://…>, <mailto:…>, <name@host>. */
const AUTOLINK_START = /^(?: {0,3}> ?)* {0,3}<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/;

/**
 * An HTML block would swallow the markdown after it up to the next blank line
 * and show it all as text. Escaping the "<" that opens one makes the tag plain
 * text inside an ordinary paragraph, and the markdown around it renders.
 * Fenced code is left as it is (a backslash there would show).
 */
function htmlBlocksAsText(source: string): string {
  let fence: string | null = null;
  return source
    .split("\n")
    .map((line) => {
      const f = FENCE.exec(line);
      if (f && (fence === null || f[1]!.startsWith(fence))) {
        fence = fence === null ? f[1]![0]!.repeat(f[1]!.length) : null;
        return line;
      }
      if (fence !== null || AUTOLINK_START.test(line)) return line;
      return line.replace(HTML_BLOCK_START, (_m, quotes: string) => `${quotes}\\<`);
    })
    .join("\n");
}

function withMentions(source: string, mentions: Readonly<Record<string, string>>): string {
  return source.replace(mentionPattern(), (_all, name: string, id: string) => {
    const userId = id.toLowerCase();
    return userId in mentions ? `[${escapeMarkdown(`@${mentions[userId]}`)}](${MENTION_HREF}${userId})` : escapeMarkdown(`@${name}`);
  });
}

function text(value: string): ElementContent {
  return { type: "text", value };
}

/** Rehype plugin: every <img> becomes a link to it (or, inside a link, its alt text). */
function imagesAsLinks() {
  const visit = (node: Root | Element, insideLink: boolean) => {
    node.children = node.children.map((child: RootContent): RootContent => {
      if (child.type !== "element") return child;
      if (child.tagName === "img") {
        const alt = String(child.properties.alt ?? "").trim();
        if (insideLink) return text(alt || "image");
        return {
          type: "element",
          tagName: "a",
          properties: { href: String(child.properties.src ?? "") },
          children: [text(`Image: ${alt || "untitled"}`)],
        };
      }
      visit(child, insideLink || child.tagName === "a");
      return child;
    }) as Element["children"];
  };
  return (tree: Root) => visit(tree, false);
}

const PROSE = [
  "space-y-2 break-words",
  "[&_p]:whitespace-pre-line",
  "[&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-0.5",
  "[&_h1]:text-base [&_h1]:font-semibold [&_h2]:text-base [&_h2]:font-semibold [&_h3]:font-semibold [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-semibold",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.85em]",
  "[&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  // A code block is dark in either theme (the dark palette would turn slate-900 light): darker than the card, with an edge.
  "dark:[&_pre]:bg-slate-50 dark:[&_pre]:text-slate-800 dark:[&_pre]:ring-1 dark:[&_pre]:ring-slate-200",
  "[&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600",
  "[&_table]:w-full [&_table]:text-left [&_th]:border-b [&_th]:border-slate-200 [&_th]:px-2 [&_th]:py-1 [&_td]:border-b [&_td]:border-slate-100 [&_td]:px-2 [&_td]:py-1",
  "[&_hr]:border-slate-200",
].join(" ");

export function Markdown({ source, mentions = {}, className = "" }: { source: string; mentions?: Readonly<Record<string, string>>; className?: string }) {
  const components: Components = {
    a: ({ href, children }) => {
      if (href?.startsWith(MENTION_HREF)) {
        const name = mentions[href.slice(MENTION_HREF.length)];
        return name ? <span className="rounded bg-brand-100 px-1 font-medium text-brand-700" data-mention="">@{name}</span> : <>{children}</>;
      }
      if (!href) return <span>{children}</span>;
      return (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline hover:text-brand-600">
          {children}
        </a>
      );
    },
    img: () => null,
  };
  return (
    <div className={`${PROSE} ${className}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[imagesAsLinks]}
        skipHtml={false}
        urlTransform={(value, key) => {
          if (key === "href" && value.startsWith(MENTION_HREF)) return value.slice(MENTION_HREF.length) in mentions ? value : "";
          return key === "href" ? (safeUrl(value) ?? "") : "";
        }}
        components={components}
      >
        {withMentions(htmlBlocksAsText(source), mentions)}
      </ReactMarkdown>
    </div>
  );
}
