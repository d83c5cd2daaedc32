// Public face of the update area: the prompt, the build badge and the busy/dirty registry views use.
import './ct-update-prompt.ts';
import './ct-build-badge.ts';
export { busyRegistry, BusyRegistry, type Hold, type HoldKind } from './busy-registry.ts';
export { BUILD_INFO, type BuildInfo } from './build-info.ts';
