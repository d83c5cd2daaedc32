// Styles of ct-validate-view: tokens from src/ui/global.css; light and dark follow them.
import { css } from 'lit';

export const validateViewStyles = css`
  :host { display: block; max-width: 60rem; color: var(--ct-text); font-family: var(--ct-sans); }
  form { display: grid; gap: 1rem; }
  fieldset { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-surface); padding: 0.75rem 1rem; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  .hint { color: var(--ct-muted); font-size: 0.875rem; margin: 0.25rem 0; }
  textarea { width: 100%; box-sizing: border-box; min-height: 6rem; font-family: var(--ct-mono); font-size: 0.8125rem; }
  textarea, input, select { background: var(--ct-bg); color: var(--ct-text); border: 1px solid var(--ct-border); border-radius: 4px; padding: 0.375rem; }
  .row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
  .row > div { display: grid; gap: 0.25rem; }
  button { font: inherit; padding: 0.5rem 1rem; border-radius: var(--ct-radius); border: 1px solid var(--ct-accent); background: var(--ct-accent); color: var(--ct-accent-text); cursor: pointer; }
  button[disabled] { opacity: 0.6; cursor: progress; }
  :focus-visible { outline: 3px solid var(--ct-focus); outline-offset: 2px; }
  .file-name { font-size: 0.875rem; color: var(--ct-muted); }
  .verdict { margin-top: 1rem; border-radius: var(--ct-radius); padding: 1rem; background: var(--ct-surface); border: 2px solid var(--ct-border); }
  .verdict.accepted { border-color: var(--ct-ok); }
  .verdict.rejected { border-color: var(--ct-danger); }
  .verdict h3 { margin: 0 0 0.5rem; display: flex; gap: 0.5rem; align-items: center; }
  .accepted h3 { color: var(--ct-ok); }
  .rejected h3 { color: var(--ct-danger); }
  ol.chain { list-style: none; margin: 0; padding: 0; display: grid; gap: 0; }
  ol.chain li { display: grid; grid-template-columns: 2rem 1fr; gap: 0.5rem; padding: 0.5rem 0; }
  ol.chain li + li { border-top: 1px dashed var(--ct-border); }
  .icon { font-size: 1.25rem; text-align: center; }
  .role { font-weight: 600; }
  .subject { overflow-wrap: anywhere; }
  .fp { font-family: var(--ct-mono); font-size: 0.8125rem; color: var(--ct-muted); user-select: all; }
  .revocation { font-size: 0.875rem; margin-top: 0.15rem; }
  .revocation.ok { color: var(--ct-ok); }
  .revocation.warn { color: var(--ct-warn); }
  .revocation.muted { color: var(--ct-muted); }
  .revoked { font-weight: 600; color: var(--ct-danger); }
  .check { display: flex; gap: 0.4rem; align-items: center; }
  .check label { margin: 0; font-weight: 500; }
  fieldset > div + .row { margin-top: 0.75rem; }
  .code { font-family: var(--ct-mono); font-size: 0.875rem; color: var(--ct-muted); }
`;
