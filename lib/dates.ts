// Times shown to people: in their time zone — the organization's
// (/admin/settings) until users choose their own. Pure: server and browser
// format the same instant the same way, whatever zone the machine is in.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    } catch {
      // An unknown zone (settings are validated; a runtime may know fewer zones): UTC.
      f = formatter("UTC");
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** "2026-12-01 14:05" in the zone. */
export function formatDateTime(date: Date, timeZone = "UTC"): string {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

// Building an Intl.DateTimeFormat costs far more than using one (a desk page
// shows 50 times): one per zone, kept.
const zoneNamers = new Map<string, Intl.DateTimeFormat | null>();

function zoneNamer(timeZone: string): Intl.DateTimeFormat | null {
  if (!zoneNamers.has(timeZone)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" });
    } catch {
      f = null;
    }
    zoneNamers.set(timeZone, f);
  }
  return zoneNamers.get(timeZone)!;
}

/** The zone's short name at that instant ("CET", "GMT+1", "UTC"), for titles. */
export function zoneLabel(date: Date, timeZone = "UTC"): string {
  const namer = zoneNamer(timeZone);
  if (!namer) return "UTC";
  return namer.formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A calendar date (a due or start date, stored as its UTC midnight): "5 Dec 2026", the same in every zone. */
export function formatCalendarDay(date: Date): string {
  return dayFormat.format(date);
}
