/** The parts of `document` the watch needs (a fake in unit tests). */
export type VisibilitySource = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;

/**
 * Starts watching the tab; the function returned stops watching and says whether the tab was hidden at any
 * moment since (browsers throttle hidden tabs, so such a run is void).
 */
export function watchHidden(doc: VisibilitySource = document): () => boolean {
  let hidden = doc.visibilityState === 'hidden';
  const onChange = () => {
    if (doc.visibilityState === 'hidden') hidden = true;
  };
  doc.addEventListener('visibilitychange', onChange);
  return () => {
    doc.removeEventListener('visibilitychange', onChange);
    return hidden || doc.visibilityState === 'hidden';
  };
}
