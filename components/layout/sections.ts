export interface NavItem {
  href: string;
  label: string;
}

/** The href of the section `path` is in: the longest item that is the path or a folder above it (/portal/new is "New request", not "My requests"). */
export function currentSection(items: readonly NavItem[], path: string): string | null {
  let best: string | null = null;
  for (const { href } of items) {
    if ((path === href || path.startsWith(`${href}/`)) && (!best || href.length > best.length)) best = href;
  }
  return best;
}
