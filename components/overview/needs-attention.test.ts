import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LISTED_ON_OVERVIEW, type Deterioration, type NeedsAttentionData } from "@/lib/overview/overview";
import { reliableChangeParameters } from "@/lib/scores/score-summary";
import { NeedsAttention } from "./needs-attention";

const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

function drop(n: number): Deterioration {
  const at = new Date(Date.UTC(2026, 10, 1 + n));
  return {
    clientId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    firstName: "Client",
    lastName: `Number${n}`,
    preferredName: null,
    coupleId: null,
    partner: null,
    overallHistory: [70, 50],
    latestAt: at,
    previousAt: at,
    firstAt: at,
    assessmentCount: 2,
    dimensions: [
      { dimension: "trust", latest: 40, previous: 70, first: 70, changeSincePrevious: -30, changeSinceFirst: -30, reliableSincePrevious: true, reliableSinceFirst: true },
    ],
  };
}

function attention(drops: number, total: number, exact = true): NeedsAttentionData {
  return {
    scope: "practice",
    timeZone: "Europe/London",
    deteriorations: Array.from({ length: drops }, (_, n) => drop(n)),
    deteriorationTotal: total,
    deteriorationTotalExact: exact,
    wideningGaps: [],
    wideningTotal: 0,
    wideningTotalExact: true,
    couplesCompared: 0,
    reliableChange: reliableChangeParameters(),
  };
}

const render = (data: NeedsAttentionData, onOverview = false) => renderToStaticMarkup(createElement(NeedsAttention, { attention: data, onOverview }));

describe("needs attention", () => {
  it("on the overview, lists the first few drops it was given and links to all of them", () => {
    const html = render(attention(LISTED_ON_OVERVIEW.drops, 12), true);
    expect(html.match(/href="\/clients\//g)).toHaveLength(LISTED_ON_OVERVIEW.drops);
    expect(text(html)).toContain(`Showing ${LISTED_ON_OVERVIEW.drops} of 12 clients. See them all`);
    expect(html).toContain('href="/overview/attention"');
    expect(text(html)).toContain("12 clients with a reliable drop; 0 couples moving apart.");
  });

  it("on its own page, lists every drop it was given and says how many more there are", () => {
    const html = render(attention(50, 1_000, false));
    expect(html.match(/href="\/clients\//g)).toHaveLength(50);
    expect(text(html)).toContain("Showing 50 of more than 1,000 clients.");
    expect(html).not.toContain('href="/overview/attention"');
    // Under the page's own title: its lists are the second level, not the third.
    expect(html).toContain('<h2 id="deterioration-heading"');
  });

  it("keeps each drop's comparisons for Needs attention, and the overview links there", () => {
    const onOverview = render(attention(2, 2), true);
    expect(text(onOverview)).not.toContain("Details for");
    expect(text(onOverview)).toContain("Every drop in detail, on Needs attention");
    expect(onOverview).toContain('href="/overview/attention"');
    const onItsPage = render(attention(2, 2));
    expect(text(onItsPage).match(/Details for Client Number\d/g)).toHaveLength(2);
    expect(text(onItsPage)).not.toContain("Every drop in detail");
  });

  it("says when the count stopped, on the overview too", () => {
    const html = text(render(attention(LISTED_ON_OVERVIEW.drops, 1_000, false), true));
    expect(html).toContain("More than 1,000 clients with a reliable drop");
    // Needs attention lists the first 50 of them.
    expect(html).toContain(`Showing ${LISTED_ON_OVERVIEW.drops} of more than 1,000 clients. See the first 50`);
  });
});
