// The zxing-wasm reader binary as an asset of our own build (Vite `?url`): served from our origin,
// precached by the service worker, fetched only when a scan starts. Imported lazily.
/// <reference types="vite/client" />
import url from 'zxing-wasm/reader/zxing_reader.wasm?url';

export const zxingReaderWasmUrl: string = url;
