/**
 * English words too common to say what a story is about: left out of suggestions on both sides
 * (the story's words and the topics'). Folded as `wordsOf` folds (lower case, no accents).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `about above across after again against all almost along also although among and another any anyone anything are
  around because been before being below between both but can cannot could did does doing done down during each either
  else etc even ever every few for from further had has have having her here hers herself him himself his how however
  into its itself just least less like made make many may meanwhile might more most much must near neither never new
  nor not now off once one only onto other others otherwise our ours out over own per perhaps rather said same say says
  she should since some such than that the their theirs them themselves then there these they this those though three
  through thus too two under until upon very via was were what whatever when where whether which while who whom whose
  why will with within without would yet you your yours
  include included includes including use used uses using well`
    .split(/\s+/)
    .filter(Boolean),
);
