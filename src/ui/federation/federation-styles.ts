// Styles the federation cards share on top of sharedStyles: root tables, grouped fingerprints,
// state badges (icon plus word, never colour alone).
import { css } from 'lit';

export const federationStyles = css`
  table { border-collapse: collapse; width: 100%; font-size: 0.93rem; }
  th, td { text-align: left; padding: 0.5rem 0.5rem; border-bottom: 1px solid var(--ct-border); vertical-align: top; }
  th { color: var(--ct-muted); font-weight: 600; font-size: 0.85rem; }
  tr:last-child td { border-bottom: 0; }
  .fp { font-family: var(--ct-mono); font-size: 0.8rem; word-spacing: 0.15em; color: var(--ct-text); overflow-wrap: anywhere; max-width: 21rem; }
  .name { font-weight: 600; }
  .subject { font-family: var(--ct-mono); font-size: 0.8rem; color: var(--ct-muted); overflow-wrap: anywhere; }
  .badge { display: inline-block; font-size: 0.85rem; font-weight: 600; padding: 0.05rem 0.45rem; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
  .prov { margin: 0; padding: 0; list-style: none; font-size: 0.88rem; }
  .prov li + li { margin-top: 0.2rem; }
  .check { display: flex; gap: 0.4rem; align-items: baseline; font-weight: 400; margin: 0.25rem 0 0; }
  .check input { margin: 0; }
  .summary { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 0 0 0.75rem; }
  .summary div { min-width: 8rem; }
  .summary dt { color: var(--ct-muted); font-size: 0.85rem; }
  .summary dd { margin: 0; font-weight: 600; }
  .card > h2:first-child { margin-top: 0; }
  .table-wrap { overflow-x: auto; }
  .row { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: end; }
  .row .field { margin: 0; flex: 1 1 14rem; }
  fieldset { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); padding: 0.5rem 1rem 0.75rem; margin: 0 0 1rem; }
  legend { font-weight: 600; padding: 0 0.3rem; }
  .choices { display: flex; flex-direction: column; gap: 0.35rem; }
  .choices label { font-weight: 400; display: flex; gap: 0.5rem; align-items: baseline; margin: 0; }
  .choices .hint { margin: 0 0 0 1.6rem; }
  dialog { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-surface); color: var(--ct-text); max-width: 32rem; padding: 1.25rem 1.5rem; }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  dialog h2 { margin-top: 0; }
`;
