// Types of scripts/build.mjs for the TypeScript files that import it (bench, tests).
export function sourceHash(): string;
export function isFresh(): boolean;
export function build(opts?: { ifStale?: boolean }): number;
