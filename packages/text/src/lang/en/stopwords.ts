/** English function words (written for Ogoh). */
export const EN_STOPWORDS: readonly string[] =
  `a an the and or but if then else of to in on at by for with from into onto about
as is are was were be been being am has have had having do does did doing will would shall should can could
may might must not no nor so than too very it its it's this that these those there here he him his she her
hers they them their theirs we us our ours you your yours i me my mine who whom whose which what when where
why how all any both each few more most other some such only own same just also after before over under
again further once during while until against between through up down out off above below because`
    .split(/\s+/)
    .filter(Boolean);
