"use client";

import { createContext, useContext, type ReactNode } from "react";

// The time zone dates are shown in: the organization's (/admin/settings),
// set once by the app shell for everything beneath it.
const TimeZoneContext = createContext("UTC");

export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}
