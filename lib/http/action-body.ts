// Server actions arrive as POSTs with a Next-Action header whose body is
// React's encodeReply of the arguments. Next decodes that body before any of
// our code runs and answers 500 when it cannot ("garbage{", an empty body, a
// 5,000-deep array, a reference to a part that is not there). The proxy asks
// this function first and turns such requests away with a 400.
//
// Every action of ours takes plain JSON-like arguments, so its reply is a JSON
// array whose strings may carry only the markers React writes for plain
// values. A form that one day posts files or FormData to an action (multipart
// replies) has to be allowed here on purpose.

export const MAX_ACTION_DEPTH = 32;

// React's reply markers for plain values: "$$…" an escaped "$", undefined,
// non-finite numbers, -0, dates ("$D<iso>") and bigints ("$n<digits>").
const PLAIN_MARKER = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D\d|n-?\d+$)/;

/** Why this server-action request cannot be decoded (null: it can). */
export function actionBodyProblem(contentType: string | null, body: string): string | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type.startsWith("multipart/")) return "This request is not accepted: the app sends no files or forms to actions.";
  if (type && type !== "text/plain") return "This request is not accepted: unexpected content type.";
  if (!body.trim()) return "This request is not accepted: the body is empty.";
  // Depth first, before JSON.parse builds anything deep.
  if (maxDepth(body) > MAX_ACTION_DEPTH) return "This request is not accepted: the body is nested too deeply.";
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return "This request is not accepted: the body is not valid JSON.";
  }
  if (!Array.isArray(value)) return "This request is not accepted: the arguments are not a list.";
  return hasForeignMarker(value) ? "This request is not accepted: the arguments refer to parts that were not sent." : null;
}

/** Bracket depth of a JSON text, not counting brackets inside strings. */
function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

function hasForeignMarker(value: unknown): boolean {
  if (typeof value === "string") return value.startsWith("$") && !PLAIN_MARKER.test(value);
  if (Array.isArray(value)) return value.some(hasForeignMarker);
  if (value && typeof value === "object") return Object.values(value).some(hasForeignMarker);
  return false;
}
