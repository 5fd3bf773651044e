/**
 * English stop words plus the scaffolding of questions ("explain", "tell me
 * about"). They carry no topic, so they are left out of both the index and the
 * coverage check: "what is the weather" must not count "what" as a match.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below
  between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
  few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
  him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't
  my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd
  she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
  there's these they they'd they'll they're they've this those through to too under until up very was wasn't
  we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why
  why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
  also just really actually basically exactly please thanks thank hey hi hello ok okay
  explain explained explaining tell tells telling mean means meaning meant define definition describe
  know want wanted wondering wonder need understand anyone someone something thing things stuff kind sort
  like use using used way ways get gets got go going make makes one ones us lot lots much many quick quickly
  simple simply term terms word words difference differences vs versus`
    .split(/\s+/)
    .filter(Boolean),
);
