/**
 * Teams delivers chat text with HTML remnants (auto-linked addresses become `<a href="mailto:…">`, line breaks
 * `<br>`, entities like `&amp;`) and the bot's own @mention. This turns it back into what the person typed.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

export function plainText(raw: string): string {
  return raw
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/\bmailto:/gi, '')
    // Teams and mobile keyboards turn "…" into typographic quotes; the command syntax uses straight ones.
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/\u00a0/g, ' ')
    .trim();
}
