// Operations the live Auvo service has beyond its blueprint (D16): served at the live paths and
// marked `x-campo-extension`, with this note in their OpenAPI description.
export const LIVE_NOTE = 'Not in the Auvo blueprint: the live Auvo service has this operation, and Campo serves it at the same path.';
