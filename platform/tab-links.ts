/**
 * Links to the tab from cards and messages. The tab's dashboard for a circle is
 * `<endpoint>/tab/?circle=<id>`; a channel tab pinned for a circle is saved with the entity id
 * `circle-<id>` (tab/app/pages/ConfigPage.tsx), so a Teams deep link can open it in the channel.
 */
export interface TabLinks {
  /** The public address the tab is served from (TAB_ENDPOINT), without a trailing slash; locally the server's own address. */
  endpoint: string;
  /** The Teams app's id (TEAMS_APP_ID, the manifest's `id`); with it, links open the tab inside Teams. */
  teamsAppId: string | undefined;
}

/** The entity id Teams saves for a channel tab that shows this circle. */
export function channelTabEntityId(circleId: string): string {
  return `circle-${circleId}`;
}

/** The name a channel tab for this circle gets (Teams allows 100 characters). */
export function channelTabName(circleName: string): string {
  return `${circleName} maturity`.slice(0, 100);
}

/** The tab's dashboard of one circle, as a web address. */
export function dashboardUrl(endpoint: string, circleId: string): string {
  return `${endpoint.replace(/\/+$/, "")}/tab/?circle=${encodeURIComponent(circleId)}`;
}

/**
 * Where "Open the dashboard" goes: inside Teams, the circle's tab in the channel (Teams opens the
 * web address instead where it cannot show the tab); without a Teams app id, the web address.
 */
export function circleDashboardLink(links: TabLinks, circle: { circleId: string; name: string }, channelId: string | undefined): string {
  const webUrl = dashboardUrl(links.endpoint, circle.circleId);
  if (!links.teamsAppId || !channelId) return webUrl;
  const query = new URLSearchParams({ webUrl, label: channelTabName(circle.name), context: JSON.stringify({ channelId }) });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(links.teamsAppId)}/${encodeURIComponent(channelTabEntityId(circle.circleId))}?${query.toString()}`;
}
