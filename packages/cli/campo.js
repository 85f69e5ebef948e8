#!/usr/bin/env -S node --max-semi-space-size=32
// `npx campo` in this checkout: npm links this workspace's bin into node_modules/.bin, so npx runs
// it straight away. (A bin on the root package would make npx copy the checkout into its own cache
// and read both dependency trees on every call, about a second before Campo starts.)
import '../../bin/campo.js';
