/**
 * The record of a subtree that is let go (xmlLazy.ts): one entry of RECORD Int32 numbers per
 * element, comment, CDATA section and processing instruction below a child of the root, in document
 * order, offsets relative to that child's start (a shifted child needs no change; the collector does
 * not scan it). The first parse writes it as it reads (xmlParser.ts, ParseOptions.settled); folding
 * and the outline read it instead of parsing the subtree again.
 */
export const RECORD = 8;
/** Record fields. */
export const KIND = 0; // NODE_* | SELF_CLOSING
export const DEPTH = 1; // 1 for a child of the dropped element
export const START = 2;
export const END = 3;
export const NAME_START = 4; // a CDATA section's valueStart
export const NAME_END = 5; // a CDATA section's valueEnd
export const START_TAG_END = 6;
export const END_TAG_START = 7; // -1 when never closed
export const NODE_ELEMENT = 0;
export const NODE_COMMENT = 1;
export const NODE_CDATA = 2;
export const NODE_PI = 3;
export const SELF_CLOSING = 4;
