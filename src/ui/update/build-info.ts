// The build's version and source hash, injected by vite.config.ts `define` (fallbacks for tests).
declare const __CT_BUILD_VERSION__: string | undefined;
declare const __CT_BUILD_HASH__: string | undefined;
declare const __CT_SINGLE_FILE__: boolean | undefined;

export interface BuildInfo {
  readonly version: string;
  /** Short git commit of the source ('-dirty' if uncommitted changes were built; 'dev' when unbuilt). */
  readonly hash: string;
  /** True in the single-file (air-gapped) build, which has no service worker. */
  readonly singleFile: boolean;
}

export const BUILD_INFO: BuildInfo = Object.freeze({
  version: typeof __CT_BUILD_VERSION__ === 'string' ? __CT_BUILD_VERSION__ : '0.0.0-dev',
  hash: typeof __CT_BUILD_HASH__ === 'string' ? __CT_BUILD_HASH__ : 'dev',
  singleFile: typeof __CT_SINGLE_FILE__ === 'boolean' ? __CT_SINGLE_FILE__ : false,
});
