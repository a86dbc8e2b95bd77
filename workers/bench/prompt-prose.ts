// Long English prose for the summarisation prompt and the length sweep: varied sentences, so a tokenizer
// sees ordinary text rather than one repeated line (which compresses oddly and caches suspiciously well).

/** An essay of about 4,400 characters (~1,100 tokens at four characters a token). */
export const RAILWAY_TIME_ESSAY = [
  'Before the railways, every town kept its own time. Noon was the moment the sun stood highest over the ' +
    'market square, and the church clock was set by a sundial or by a careful man with a telescope. Bristol ' +
    'ran about ten minutes behind London, and nobody minded, because nobody could travel between the two ' +
    'quickly enough for the difference to matter. A coach journey took the better part of a day, and a few ' +
    'minutes gained or lost on the way disappeared among broken axles, muddy roads and long stops for fresh ' +
    'horses.',
  'The locomotive changed that within a single generation. Once a train could cover a hundred miles in a ' +
    'few hours, the small disagreements between local clocks became a practical nuisance and, on single-track ' +
    'lines, a real danger. A guard who believed it was five past the hour could send a train onto a stretch ' +
    'of line that a driver coming the other way believed was still his. Timetables printed in one city were ' +
    'read in another, and passengers missed connections because the station clock and the town clock told ' +
    'different stories a few hundred yards apart.',
  'British railway companies settled the matter for themselves long before Parliament did. In the 1840s ' +
    'the Great Western Railway began to run all its trains on London time, and other companies followed. ' +
    'The telegraph made the arrangement workable: a signal sent from Greenwich each morning let stations ' +
    'hundreds of miles away set their clocks to the same second. Many towns resisted for a while. Some ' +
    'public clocks grew a second minute hand, one showing local time and the other showing railway time, ' +
    'and for years a traveller had to ask which of the two a stranger meant when he named an hour.',
  'North America had the same problem on a much larger scale. By the early 1880s the railways of the ' +
    'United States and Canada worked to dozens of different standards, and a large station might display ' +
    'several clocks side by side, one for each company that used it. On a Sunday in November 1883, often ' +
    'remembered as the day of two noons, the railways switched to a handful of broad zones, each an hour ' +
    'apart. In cities near the middle of a zone the clocks barely moved; in others they jumped by the better ' +
    'part of half an hour. Newspapers grumbled about the arrogance of private companies rearranging the sun, ' +
    'but most people adjusted their watches and went about their business.',
  'A year later, delegates from twenty-five countries met in Washington to choose a prime meridian for the ' +
    'whole world. They chose the line through the Royal Observatory at Greenwich, largely because most of ' +
    "the world's shipping already used charts based on it. The conference did not impose time zones on " +
    'anyone, and the decision was not universally welcomed; France continued to use the Paris meridian for ' +
    'decades and described its official time, with some care, as Paris mean time retarded by nine minutes ' +
    'and twenty-one seconds. Still, the principle of a single reference line, with zones measured from it, ' +
    'slowly became the common sense of the modern world.',
  'Laws caught up with practice in their own time. Britain made Greenwich Mean Time the legal time of the ' +
    'country in 1880, after a court case turned on whether a man who arrived at a courthouse at what the ' +
    'local clock called ten o’clock had been punctual or late. The United States did not give its zones the ' +
    'force of federal law until 1918, the same year it first adopted daylight saving time as a wartime ' +
    'measure. Other countries chose zones offset by half an hour or even a quarter of an hour, and a few ' +
    'large ones chose a single zone for territory that spans several, preferring one national clock to ' +
    'matching the sun in every province.',
  'It is easy to forget how strange the change seemed to the people who lived through it. Time had been a ' +
    'local fact, as plain as the weather, and it became an agreement administered from far away and ' +
    'delivered along a wire. The railways needed that agreement because they were the first machines that ' +
    'moved people faster than the sun moves across the sky. Today the clocks in our phones are corrected ' +
    'by satellites and by servers that consult atomic standards, and almost nobody checks a sundial. Yet ' +
    'the map of time zones still bends around borders and coastlines, a reminder that the hour we live by ' +
    'is a decision, made for the convenience of travel and trade, and only roughly tied to the position of ' +
    'the sun over our own heads.',
].join('\n\n');
