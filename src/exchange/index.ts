// Public face of the exchange layer: bytes and text in and out of the page. No trust decisions here.
export { ExchangeError, type ExchangeErrorCode } from './errors.ts';
export { download, fileStem } from './download.ts';
export { readFile, filesFrom, textFrom, MAX_FILE_BYTES, type ReadFile } from './files.ts';
export { copyText } from './clipboard.ts';
