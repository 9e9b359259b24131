// cytoscape-svg ships no types: it is a cytoscape extension that adds `cy.svg(options)`
// (declared where it is used, in MapCanvas.tsx).
declare module 'cytoscape-svg' {
  const extension: (cy: unknown) => void;
  export default extension;
}
