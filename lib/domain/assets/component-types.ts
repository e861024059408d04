// Component types and asset kinds as people read them (pure: the admin pages,
// the audit summary and the tests share it). Stored values are lower-case
// codes ("storage"); a screen never shows the code itself.

export const COMPONENT_TYPE_LABELS = {
  cpu: "Processor (CPU)",
  ram: "Memory (RAM)",
  storage: "Storage drive",
  nic: "Network card",
  gpu: "Graphics card (GPU)",
  psu: "Power supply",
  motherboard: "Motherboard",
  hba: "Host bus adapter",
  chassis: "Chassis",
  other: "Other",
} as const satisfies Record<string, string>;

export type ComponentType = keyof typeof COMPONENT_TYPE_LABELS;
export const COMPONENT_TYPES = Object.keys(COMPONENT_TYPE_LABELS) as [ComponentType, ...ComponentType[]];

/** "Memory (RAM)" for "ram"; an unknown code made readable ("raid-card" → "Raid card"). */
export function componentTypeLabel(type: string): string {
  const key = type.trim().toLowerCase();
  if (Object.hasOwn(COMPONENT_TYPE_LABELS, key)) return COMPONENT_TYPE_LABELS[key as ComponentType];
  const words = key.replace(/[_-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Other";
}

export const ASSET_KIND_LABELS = {
  server: "Server",
  storage: "Storage array",
  network: "Network device",
  workstation: "Workstation",
  other: "Other",
} as const satisfies Record<string, string>;

export type AssetKind = keyof typeof ASSET_KIND_LABELS;
export const ASSET_KINDS = Object.keys(ASSET_KIND_LABELS) as [AssetKind, ...AssetKind[]];

export function assetKindLabel(kind: string): string {
  return Object.hasOwn(ASSET_KIND_LABELS, kind) ? ASSET_KIND_LABELS[kind as AssetKind] : componentTypeLabel(kind);
}
