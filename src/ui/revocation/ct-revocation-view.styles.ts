// Styles of ct-revocation-view: tokens from src/ui/global.css, so light and dark follow them.
import { css } from 'lit';

export const revocationViewStyles = css`
  .card > h2 { margin-top: 0; }
  .card > p.hint { margin-bottom: 0.9rem; max-width: 70ch; }
  .picker { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-bottom: 1rem; }
  .picker .field { margin: 0; min-width: 16rem; }
  .notice { display: flex; gap: 0.6rem; align-items: flex-start; border: 1px solid var(--ct-border); border-left-width: 4px; border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0 0 1rem; background: var(--ct-bg); }
  .notice .icon { font-size: 1.1rem; line-height: 1.4; }
  .notice.ok { border-left-color: var(--ct-ok); }
  .notice.warn { border-left-color: var(--ct-warn); }
  .notice.bad { border-left-color: var(--ct-danger); }
  .notice.info { border-left-color: var(--ct-accent); }
  .notice p { margin: 0; }
  .issue { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-top: 1rem; }
  .issue .field { margin: 0; }
  .issue input { width: 7rem; }
  .table-wrap { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
  th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--ct-border); vertical-align: top; }
  th { color: var(--ct-muted); font-weight: 600; }
  td.mono, .serial { font-family: var(--ct-mono); font-size: 0.8rem; overflow-wrap: anywhere; }
  td.subject { overflow-wrap: anywhere; min-width: 12rem; }
  .state { white-space: nowrap; font-weight: 600; }
  .state .sub { display: block; font-weight: 400; white-space: normal; color: var(--ct-muted); font-size: 0.85rem; }
  .empty { color: var(--ct-muted); }
  textarea.crl { width: 100%; max-width: none; min-height: 6rem; font-size: 0.8rem; }
  .hint.file { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin-top: 0.4rem; }
  .hint.file button { font-size: 0.85rem; padding: 0.2rem 0.6rem; }
  .qr { margin-top: 0.75rem; }
  dialog { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-surface); color: var(--ct-text); max-width: 36rem; width: calc(100% - 2rem); padding: 1.25rem 1.5rem; box-sizing: border-box; }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  dialog h2 { margin-top: 0; }
  dialog dl.facts { margin-bottom: 1rem; }
  .reason-hint { min-height: 1.4em; }
  dialog .field { margin-top: 1rem; }
`;
