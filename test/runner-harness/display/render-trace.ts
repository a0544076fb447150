/**
 * Turns raw job-log text into what a terminal should show: section markers
 * dropped (their headers stay), erase-line codes removed, and colours
 * kept or stripped.
 */

const SECTION_MARKER =
  /section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]]*\])?\r\x1b\[0K/g;
const ERASE_LINE = /\x1b\[0K/g;
const COLOUR = /\x1b\[[0-9;]*m/g;

export function renderTrace(text: string, colour: boolean): string {
  const plain = text.replace(SECTION_MARKER, '').replace(ERASE_LINE, '');
  return colour ? plain : plain.replace(COLOUR, '');
}
