// Styles of the scoped-PKI view beyond sharedStyles: forms in fieldsets, the rotation stepper, tables, dialog, progress.
import { css } from 'lit';

export const hierarchyViewStyles = css`
  form.wide { max-width: 44rem; }
  fieldset { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); padding: 0.75rem 1.25rem 0.25rem; margin: 0 0 1.25rem; }
  legend { font-weight: 700; padding: 0 0.4rem; }
  .choice label, label.inline { font-weight: 500; display: flex; align-items: flex-start; gap: 0.45rem; margin: 0 0 0.6rem; }
  .choice label input, label.inline input { margin-top: 0.3rem; }
  .choice strong { font-weight: 700; }
  .two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
  @media (max-width: 40rem) { .two { grid-template-columns: 1fr; } }
  .optional { font-weight: 400; color: var(--ct-muted); }
  .callout { border-left: 4px solid var(--ct-warn); background: var(--ct-bg); padding: 0.5rem 0.8rem; margin: 0.5rem 0 1rem; border-radius: 0 6px 6px 0; }
  .callout.danger { border-left-color: var(--ct-danger); }
  .callout.ok { border-left-color: var(--ct-ok); }
  .callout p { margin: 0.2rem 0; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin-bottom: 1rem; }
  .toolbar .field { margin: 0; min-width: 14rem; }
  .toolbar input[type='number'] { width: 8rem; }
  td.nowrap { white-space: nowrap; }
  .progress { display: flex; align-items: center; gap: 0.6rem; margin: 0.5rem 0 1rem; min-height: 1.5rem; }
  .actions .spinner { align-self: center; }
  .spinner { width: 1rem; height: 1rem; border: 3px solid var(--ct-border); border-top-color: var(--ct-accent); border-radius: 50%; animation: spin 0.9s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  ol.steps { list-style: none; padding: 0; margin: 0.5rem 0 0.75rem; counter-reset: step; }
  ol.steps li { counter-increment: step; display: flex; gap: 0.6rem; align-items: baseline; padding: 0.25rem 0; }
  ol.steps li::before { content: counter(step); flex: none; width: 1.5rem; height: 1.5rem; border-radius: 50%; border: 2px solid var(--ct-border); display: inline-grid; place-items: center; font-size: 0.8rem; font-weight: 700; }
  ol.steps li.done::before { content: '✓'; border-color: var(--ct-ok); color: var(--ct-ok); }
  ol.steps li.current { font-weight: 700; }
  ol.steps li.current::before { border-color: var(--ct-accent); background: var(--ct-accent); color: var(--ct-accent-text); }
  ol.steps li.todo { color: var(--ct-muted); }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--ct-border); vertical-align: top; }
  th { color: var(--ct-muted); font-weight: 600; }
  td.mono { font-family: var(--ct-mono); font-size: 0.78rem; overflow-wrap: anywhere; }
  .fp4 { display: grid; grid-template-columns: repeat(4, auto); gap: 0 0.6ch; justify-content: start; font-family: var(--ct-mono); font-size: 0.78rem; white-space: nowrap; }
  .table-wrap { overflow-x: auto; }
  pre.report { font-family: var(--ct-mono); font-size: 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; background: var(--ct-bg); padding: 0.75rem; border-radius: 6px; max-height: 28rem; overflow: auto; }
  details > summary { cursor: pointer; font-weight: 600; padding: 0.25rem 0; }
  dialog { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-surface); color: var(--ct-text); max-width: 34rem; padding: 1.25rem 1.5rem; }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  dialog h2 { margin-top: 0; }
  .card > h2 { margin-top: 0; }
  textarea.secret { -webkit-text-security: disc; }
  .issued { border-color: var(--ct-ok); }
  .conflicts li { margin: 0.25rem 0; }
  .scopes-actions { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; align-items: center; margin: 0.5rem 0; }
  .scopes-actions .actions { margin: 0; }
  .sr-hint { font-size: 0.85rem; }
  ct-receive-panel { margin: 0.25rem 0 0.5rem; }
  .received { margin: 0.5rem 0 1rem; }
  .received p { margin: 0.25rem 0; }
  ct-share-panel { margin: 0.5rem 0; }
`;
