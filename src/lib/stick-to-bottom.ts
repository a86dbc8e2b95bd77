/** How near the end, in pixels, still counts as reading the newest text. */
const SLACK = 24;

/**
 * A Svelte attachment for a scrolling log: while the reader is at the bottom, text that streams in keeps
 * the end in view; a reader who scrolled up to read is left there. A new turn always brings the end into
 * view. NOTE: it reacts to DOM changes, which Svelte makes at most once a frame while a reply streams, so
 * the layout that reading `scrollHeight` forces happens once a frame, not once a token.
 */
export function stickToBottom(log: HTMLElement): () => void {
  let atBottom = true;
  const onScroll = () => {
    atBottom = log.scrollHeight - log.scrollTop - log.clientHeight <= SLACK;
  };
  const observer = new MutationObserver((records) => {
    const newTurn = records.some((r) => r.target === log && r.addedNodes.length > 0);
    if (atBottom || newTurn) log.scrollTop = log.scrollHeight;
  });
  observer.observe(log, { childList: true, subtree: true, characterData: true });
  log.addEventListener('scroll', onScroll, { passive: true });
  return () => {
    observer.disconnect();
    log.removeEventListener('scroll', onScroll);
  };
}
