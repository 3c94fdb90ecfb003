/** What a portal puts in the header: its links, in the order people use them. */
export interface NavItem {
  href: string;
  label: string;
  /** Match only this exact path (the portal's home), not everything under it. */
  end?: boolean;
}
