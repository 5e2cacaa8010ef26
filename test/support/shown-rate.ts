// The rule by which the portal and the PDF reports show a rate to one decimal (README, Portal),
// written here on its own, from the rule and not from the product's code (api/src/kpi/shown-percent.ts),
// so that the browser and report tests check what a reader sees against the API's exact rate:
// rounded half up, except that rounding never carries a rate onto a multiple of 5 % it has not
// reached (every target and colour band is one), nor one above 0 onto 0,0 %.

/** The per cent a reader should see for `rate` (a fraction), to be written with one decimal. */
export function expectedPercent(rate: number): number {
  const exact = rate * 100;
  if (exact > 0 && exact < 0.05) return 0.1;
  const tenths = Math.round(exact * 10);
  const ontoALine = tenths % 50 === 0 && tenths / 10 > exact;
  return ontoALine ? (tenths - 1) / 10 : tenths / 10;
}
