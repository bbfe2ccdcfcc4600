/**
 * Escaping for the HTML report and console. Tool args, reasons and event details are
 * attacker-controlled text (an agent may be fed anything), so every value that reaches
 * HTML passes through `escapeHtml`, attributes included.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** Escapes text for one Markdown table cell: no line breaks, no column breaks. */
export function escapeMarkdownCell(value: unknown): string {
  return String(value ?? '')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
