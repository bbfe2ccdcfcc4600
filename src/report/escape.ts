/**
 * Escaping for the HTML report, the console and text on a terminal. Tool args, reasons and
 * event details are attacker-controlled text (an agent may be fed anything), so every value
 * that reaches HTML passes through `escapeHtml`, attributes included; every value that
 * reaches a terminal loses its control codes (`stripControl`), which could otherwise
 * retitle, clear or recolour the terminal; and Markdown cells cannot open links or images.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** OSC (`ESC ]` ... BEL or `ESC \\`) and CSI (`ESC [` ... final byte) sequences, 7- and 8-bit, and any other escape. */
const TERMINAL_SEQUENCES = /(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]{0,4096}(?:\u0007|\u001b\\|\u009c)?|(?:\u001b\[|\u009b)[\u0030-\u003f]{0,64}[\u0020-\u002f]{0,16}[\u0040-\u007e]?|\u001b[\u0020-\u007e]?/g;
/** C0 controls but tab and newline, DEL, and C1 controls. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Removes terminal control codes: escape sequences whole (so `ESC ]0;title BEL` leaves no
 * `]0;title` behind), then every other C0 and C1 control character except tab and newline.
 * @example
 * stripControl('ok\u001b[2J\u001b]0;pwned\u0007!'); // 'ok!'
 */
export function stripControl(text: string): string {
  return text.replace(TERMINAL_SEQUENCES, '').replace(CONTROL_CHARACTERS, '');
}

/**
 * Escapes text for one Markdown table cell: no control codes, no line or column breaks, no
 * HTML, and no link or image syntax (`[` and `]` are escaped, so `![x](http://evil)` stays text).
 */
export function escapeMarkdownCell(value: unknown): string {
  return stripControl(String(value ?? ''))
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([[\]])/g, '\\$1');
}
