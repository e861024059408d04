"use client";

import { createContext, useCallback, useContext, useState } from "react";

/**
 * The asset's compare-and-set version as the page's forms know it. Each save
 * answers the new version and hands it here at once, so a sibling form saved
 * right after does not send the old one while the page is still refreshing;
 * a newer version from the server (a refresh after someone else's change)
 * wins too. Only ever moves forward.
 */
const AssetVersion = createContext<{ version: number; saw: (version: number) => void } | null>(null);

export function AssetVersionProvider({ version, children }: { version: number; children: React.ReactNode }) {
  const [state, setState] = useState({ fromServer: version, current: version });
  let current = state.current;
  if (state.fromServer !== version) {
    current = Math.max(version, state.current);
    setState({ fromServer: version, current });
  }
  const saw = useCallback((v: number) => setState((s) => (v > s.current ? { ...s, current: v } : s)), []);
  return <AssetVersion value={{ version: current, saw }}>{children}</AssetVersion>;
}

export function useAssetVersion() {
  const ctx = useContext(AssetVersion);
  if (!ctx) throw new Error("useAssetVersion needs an AssetVersionProvider");
  return ctx;
}

/** For a form that also creates (no asset yet, so no provider): version 0 and nothing to track. */
export function useOptionalAssetVersion() {
  return useContext(AssetVersion) ?? { version: 0, saw: () => {} };
}
