// What the console's page embeds for the script (src/web/agent-page.ts): the bank, and the
// knowledge base's topic titles, so the queue can say "Gløymt passord" instead of a topic id.
export interface Boot {
  bank: { name: string; phone: string };
  topics: Record<string, { title: string; category: string; draft?: boolean }>;
}

export function topicTitle(boot: Boot, topic: string | null): string {
  return (topic && boot.topics[topic]?.title) || 'Ukjent emne';
}

/** The page's boot data, read once by each entry script. */
export function readBoot(): Boot {
  return JSON.parse(document.getElementById('konsoll-data')?.textContent ?? '{}') as Boot;
}
