// Operations the live Auvo service has beyond its blueprint (D16): served at the live paths and
// marked `x-campo-extension`, with this note in their OpenAPI description.
export const LIVE_NOTE =
  'The live Auvo service has this operation, although the Auvo documentation does not describe it; Campo serves it at the live path.';
