/** The Plotly bundles ship no types; features/results/load-plotly.ts types the few functions the UI uses. */
declare module 'plotly.js-basic-dist-min' {
  const Plotly: unknown;
  export default Plotly;
}
declare module 'plotly.js-strict-dist-min' {
  const Plotly: unknown;
  export default Plotly;
}
