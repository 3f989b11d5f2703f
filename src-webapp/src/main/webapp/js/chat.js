// The messages members send each other about themselves, through the signaling channel like the
// offers (docs/api.md, "How our client runs a call"): a display name (hello), chat lines, and
// whether one presents its screen. Pure: what another member sent is untrusted, so it is checked
// and cut to length here, and the page shows it with textContent only.

export const NAME_MAX_CHARS = 40;
export const CHAT_MAX_CHARS = 500;

/** A display name as typed: spaces collapsed, control characters gone, at most NAME_MAX_CHARS. */
export function cleanName(text) {
    return cleanText(text).replace(/\s+/g, ' ').slice(0, NAME_MAX_CHARS).trim();
}

/** A chat line as typed: control characters but newlines gone, at most CHAT_MAX_CHARS. */
export function cleanChat(text) {
    return cleanText(text).slice(0, CHAT_MAX_CHARS).trim();
}

function cleanText(text) {
    // C0 and C1 controls, and the bidirectional overrides that could reorder what a name displays.
    return String(text ?? '').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

export function helloMessage(name) {
    return {type: 'hello', name: cleanName(name)};
}

export function chatMessage(text) {
    return {type: 'chat', text: cleanChat(text)};
}

export function presentingMessage(on) {
    return {type: 'presenting', on: !!on};
}

/** The name a hello carries, cleaned; '' when it carries none. */
export function nameOf(message) {
    return typeof message?.name === 'string' ? cleanName(message.name) : '';
}

/** The text a chat message carries, cleaned; '' (nothing to show) when it carries none. */
export function chatTextOf(message) {
    return typeof message?.text === 'string' ? cleanChat(message.text) : '';
}

/** Chat lines kept in the panel: the oldest go first. */
export const CHAT_HISTORY = 200;
